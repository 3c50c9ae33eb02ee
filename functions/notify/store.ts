/** Reading and writing the outbox inside transactions (single-document operations only). */
import type { Database } from '../_lib/cloud';
import type { OutboxDoc } from '../_lib/outbox';
import { toDate as dateOrNull } from '../../core/domain/dates';

// transactions: the one helper of functions/_lib/tx.ts (retry with backoff, lasting conflict → CONFLICT)
export { transact, txGet, txUpdate, type Tx } from '../_lib/tx';

/** A stored date as Date (Invalid Date when there is none). */
export const toDate = (v: unknown): Date => dateOrNull(v) ?? new Date(NaN);

export async function updateOutbox(db: Database, id: string, data: Partial<OutboxDoc>): Promise<void> {
  await db.collection('outbox').doc(id).update({ data });
}
