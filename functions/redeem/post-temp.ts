/**
 * TEMPORARY stand-in for the ledger's one write path `post()` (owner h15p), so the redeem work can
 * be built and tested before it lands. Replaced by `functions/_shared/ledger#post` before landing.
 */
import { balanceIdOf, emptyBalance } from '../../core/domain/ledger';
import { txGet, txSet, type Tx } from '../_lib/tx';
import type { SpendEntry } from './spendable';

export async function post(tx: Tx, entries: SpendEntry[], now: Date): Promise<void> {
  const byBalance = new Map<string, SpendEntry[]>();
  for (const e of entries) byBalance.set(balanceIdOf(e.year, e.openid), [...(byBalance.get(balanceIdOf(e.year, e.openid)) ?? []), e]);
  for (const [id, list] of byBalance) {
    const b = ((await txGet(tx, 'balances', id)) ?? emptyBalance(list[0].year, list[0].openid, now)) as ReturnType<typeof emptyBalance> & { spendable?: number };
    let spendable = Number(b.spendable ?? 0);
    for (const e of list) {
      await txSet(tx, 'ledger', e._id, e);
      spendable += e.spendable;
    }
    await txSet(tx, 'balances', id, { ...b, spendable, entries: (b.entries ?? 0) + list.length, updatedAt: now });
  }
}
