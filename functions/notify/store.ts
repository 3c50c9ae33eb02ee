/** Reading and writing the outbox inside transactions (single-document operations only). */
import type { Database } from '../_lib/cloud';
import type { OutboxDoc } from '../_lib/outbox';

type TxColl = { doc(id: string): { get(): Promise<unknown>; update(d: { data: object }): Promise<unknown> } };
export interface Tx { collection(name: string): TxColl }

export async function txGet<T>(tx: Tx, coll: string, id: string): Promise<T | null> {
  try {
    const res = (await tx.collection(coll).doc(id).get()) as { data?: T | T[] | null };
    const data = Array.isArray(res?.data) ? res.data[0] : res?.data;
    return data ? ({ ...data, _id: id } as T) : null;
  } catch (err) {
    if (/not exist|不存在/i.test(String((err as Error)?.message ?? err))) return null;
    throw err;
  }
}

export async function txUpdate(tx: Tx, coll: string, id: string, data: object): Promise<void> {
  await tx.collection(coll).doc(id).update({ data });
}

export function transact<T>(db: Database, body: (tx: Tx) => Promise<T>): Promise<T> {
  return db.runTransaction(async (tx: unknown) => body(tx as Tx)) as Promise<T>;
}

export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (v && typeof v === 'object' && '$date' in v) return new Date((v as { $date: string | number }).$date);
  return new Date(v as string);
}

export async function updateOutbox(db: Database, id: string, data: Partial<OutboxDoc>): Promise<void> {
  await db.collection('outbox').doc(id).update({ data });
}
