/**
 * The spendable part (可兑换分) of balances: which entries to write, through the ledger's one write
 * path. Entries of this part carry `amount: 0` and `spendable: ±n`, with ids derived from their
 * cause (core/domain/redeem.ts), so every earn / spend / refund / expiry is written at most once.
 */
import { balanceIdOf, type BalancePlace, type LedgerEntry } from '../../core/domain/ledger';
import {
  earnIdOf, earnOf, expireIdOf, expiredYears, spendableYears, type SpendCause, type SpendPart,
} from '../../core/domain/redeem';
import { dayOf } from '../../core/domain/scoring';
import { getAllRecords, getDoc, getMany } from '../_lib/query';
import { transact, txGet, type Tx } from '../_lib/tx';
import { normalizeBalance, post } from '../_lib/ledger';
import { placeOfMember } from '../_shared/ledger';
import { settingsOf, type DbCtx } from './store';

export interface SpendSpec {
  id: string; openid: string; year: number; cause: SpendCause; spendable: number; sourceId: string;
  communityId: string | null; actor: string; reason: string | null;
}

export function spendEntryOf(s: SpendSpec, now: Date): LedgerEntry {
  return {
    _id: s.id, openid: s.openid, year: s.year, day: dayOf(now), amount: 0, minutes: 0, pending: 0, effective: 0, spendable: s.spendable,
    cause: s.cause, sourceId: s.sourceId, communityId: s.communityId, ruleId: null, ruleVersion: null, capped: false, base: null,
    cappedBy: null, actor: s.actor, reason: s.reason, reverses: null, at: now, createdAt: now,
  };
}

/**
 * Posts the entries of ONE member (skipping any already written) through the ledger's one write
 * path, a post per year, inside the caller's transaction. A negative earn (a reversed effective
 * credit) takes back at most what is left, so the spendable part never goes below zero.
 */
export async function postSpend(tx: Tx, specs: SpendSpec[], now: Date, place: BalancePlace): Promise<number> {
  let written = 0;
  for (const year of [...new Set(specs.map((s) => s.year))]) {
    const fresh: SpendSpec[] = [];
    for (const s of specs) if (s.year === year && !(await txGet(tx, 'ledger', s.id))) fresh.push(s);
    if (!fresh.length) continue;
    const stored = await txGet(tx, 'balances', balanceIdOf(year, fresh[0].openid));
    let left = stored ? normalizeBalance(stored).spendable : 0;
    const entries = fresh.map((s) => {
      const n = s.cause === 'earn' && s.spendable < 0 ? -Math.min(-s.spendable, Math.max(0, left)) : s.spendable;
      left += n;
      return spendEntryOf({ ...s, spendable: n }, now);
    });
    await post(tx, entries, place, { now, balance: stored, keepPlace: true });
    written += entries.length;
  }
  return written;
}

/** The spendable part of a member's balances in the years still usable at `now`, oldest first. */
export async function spendableParts(tx: Tx, openid: string, now: Date, validYears: number): Promise<SpendPart[]> {
  const parts: SpendPart[] = [];
  for (const year of spendableYears(now, validYears)) {
    const b = await txGet(tx, 'balances', balanceIdOf(year, openid));
    parts.push({ year, amount: Math.max(0, Number((b as { spendable?: number } | null)?.spendable ?? 0)) });
  }
  return parts;
}

/** A member's spendable points usable now (outside a transaction). */
export async function spendableNow(ctx: DbCtx & { now: Date }, openid: string, validYears: number): Promise<number> {
  const ids = spendableYears(ctx.now, validYears).map((y) => balanceIdOf(y, openid));
  const docs = await getMany<{ _id: string; spendable?: number }>(ctx, 'balances', ids);
  return ids.reduce((s, id) => s + Math.max(0, Number(docs.get(id)?.spendable ?? 0)), 0);
}

/**
 * Turns a member's effective credits of the usable years into spendable points (`earn:` entries),
 * the ones not yet turned. Safe to repeat and to run concurrently (derived ids, checked in the
 * transaction). Answers how many entries it wrote.
 */
export async function syncEarn(ctx: DbCtx & { now: Date }, openid: string): Promise<number> {
  const member = await getDoc<{ communityId?: string | null }>(ctx, 'members', openid);
  const org = member?.communityId ? await getDoc<{ path?: string[] }>(ctx, 'orgs', member.communityId) : null;
  const settings = await settingsOf(ctx, org?.path?.[0]);
  const todo: SpendSpec[] = [];
  for (const year of spendableYears(ctx.now, settings.validYears)) {
    const entries = await getAllRecords(ctx, 'ledger', { openid, year }, undefined, 5000);
    const have = new Set(entries.filter((e) => e.cause === 'earn').map((e) => e._id));
    for (const e of entries) {
      const n = earnOf(e, settings.ratio);
      const id = earnIdOf(e._id, openid);
      if (n !== 0 && !have.has(id)) {
        todo.push({ id, openid, year, cause: 'earn', spendable: n, sourceId: e._id, communityId: e.communityId, actor: 'system', reason: null });
      }
    }
  }
  if (!todo.length) return 0;
  const place = await placeOfMember(ctx, openid, member?.communityId ?? null);
  let written = 0;
  for (let i = 0; i < todo.length; i += 50) {
    const batch = todo.slice(i, i + 50);
    written += await transact(ctx, (tx) => postSpend(tx, batch, ctx.now, place));
  }
  return written;
}

/**
 * Expires what each year earned once its window has passed: one `expire:<year>:<openid>` entry per
 * member and year taking the rest. Idempotent (derived id) with the clock given by the caller.
 */
export async function expireSpendable(ctx: DbCtx & { now: Date }): Promise<{ expired: number; points: number }> {
  const settingsCache = new Map<string, Awaited<ReturnType<typeof settingsOf>>>();
  const settingsFor = async (districtId: string | null) => {
    const key = districtId ?? '';
    if (!settingsCache.has(key)) settingsCache.set(key, await settingsOf(ctx, districtId));
    return settingsCache.get(key)!;
  };
  let expired = 0;
  let points = 0;
  // the earliest window any district could use is the default's shortest: look at years expired under validYears 0
  for (const year of expiredYears(ctx.now, 0, 6)) {
    const balances = await getAllRecords(ctx, 'balances', { year, spendable: ctx.db.command.gt(0) }, undefined, 5000);
    for (const b of balances) {
      const s = await settingsFor(b.districtId);
      if (!expiredYears(ctx.now, s.validYears, 6).includes(year)) continue;
      const done = await transact(ctx, async (tx) => {
        const cur = await txGet(tx, 'balances', b._id);
        const left = cur ? normalizeBalance(cur).spendable : 0;
        if (left <= 0) return 0;
        const place = { communityId: b.communityId, unitId: b.unitId, streetId: b.streetId, districtId: b.districtId };
        const n = await postSpend(tx, [{ id: expireIdOf(year, b.openid), openid: b.openid, year, cause: 'expire', spendable: -left, sourceId: String(year), communityId: b.communityId, actor: 'system', reason: `${year} 年可兑换积分到期` }], ctx.now, place);
        return n ? left : 0;
      });
      if (done) { expired++; points += done; }
    }
  }
  return { expired, points };
}
