/**
 * The ONE ledger write path. `post(tx, entries, place)` checks the entries' invariants, then writes
 * the entries and their balance once, inside the caller's transaction (`transact`). Everything that
 * changes points — award, adjust, reverse, 公示 effect, redemption — only BUILDS entries and posts
 * them here, so a balance and each of its parts (pending / effective / spendable) always equal the
 * sums of that balance's entries (reconcile checks it).
 *
 * The caller keeps idempotency: entry ids are derived from their cause, and the caller reads them in
 * the same transaction before posting (post does not re-read entries, to keep round trips down).
 */
import { fail } from '../../core/contracts/errors';
import { applyEntry, balanceIdOf, emptyBalance, entryProblem, type Balance, type BalancePlace, type LedgerEntry } from '../../core/domain/ledger';
import { addRankMove, presentRankCounts, writeRankMoves, writeRankMovesOnce, type RankMoves } from './rank';
import { txGet, txInsert, txSet, TX_ATTEMPTS, type Tx } from './tx';
import { addOnce, countOf, dbOf, getDoc, updateWhere, type DbSource } from './query';

export interface PostOptions {
  now: Date;
  /** the balance as the caller already read it in this transaction (saves a read); null: none yet */
  balance?: Balance | null;
  /** keep the stored balance's place (a past year stays where it was earned); a new balance takes `place` */
  keepPlace?: boolean;
}

/** Where the balance belongs, and the member's display name when the caller read it (rankings show it). */
export type PostPlace = BalancePlace & { name?: string | null };

/** The part rankings, letters and certificates count (a balance from before parts existed: all its points). */
export function effectiveOf(b: Pick<Balance, 'points' | 'pending' | 'effective'>): number {
  return b.effective ?? (b.points ?? 0) - (b.pending ?? 0);
}

/** A stored balance with every field present (older or hand-made docs may lack some). */
export function normalizeBalance(b: Balance): Balance {
  const points = b.points ?? 0;
  const pending = b.pending ?? 0;
  return {
    ...b, points, minutes: b.minutes ?? 0, earned: b.earned ?? 0, days: b.days ?? {}, entries: b.entries ?? 0,
    pending, effective: b.effective ?? points - pending, spendable: b.spendable ?? 0,
  };
}

/** The one member-year balance `entries` belong to; refuses entries that break an invariant or repeat an id. */
function checkEntries(entries: LedgerEntry[]): { openid: string; year: number } {
  if (entries.length === 0) fail('VALIDATION_FAILED', '没有要记账的积分记录');
  const { openid, year } = entries[0];
  const ids = new Set<string>();
  for (const e of entries) {
    const problem = entryProblem(e);
    if (problem) fail('LEDGER_INVARIANT', problem, { entryId: e._id });
    if (e.openid !== openid || e.year !== year) fail('LEDGER_INVARIANT', '一次记账只能涉及同一成员同一年度的积分', { entryId: e._id });
    if (ids.has(e._id)) fail('LEDGER_INVARIANT', '积分记录编号重复', { entryId: e._id });
    ids.add(e._id);
  }
  return { openid, year };
}

/**
 * Writes `entries` (all of ONE member-year balance) and the balance after them. Refuses — before
 * writing anything — entries that break an invariant, that name different balances, repeat an id,
 * or would leave the spendable part below zero.
 */
export async function post(tx: Tx, entries: LedgerEntry[], place: PostPlace, opts: PostOptions): Promise<Balance> {
  const { openid, year } = checkEntries(entries);
  const stored = opts.balance !== undefined ? opts.balance : await txGet(tx, 'balances', balanceIdOf(year, openid));
  const [balance] = await write(tx, [{ entries, place, balance: stored, keepPlace: opts.keepPlace }], opts.now, 'set');
  return balance;
}

/** One member-year's part of a `postMany`: its entries, where a new balance goes, the balance read in this transaction. */
export interface PostItem {
  entries: LedgerEntry[];
  place: PostPlace;
  balance: Balance | null;
  keepPlace?: boolean;
  /** confirmed service minutes by day to store on the balance (replacing those days' values): the daily cap's count */
  dayMinutes?: Record<string, number>;
  /**
   * whose balance, for an item without entries that only stores `dayMinutes` (a task across New Year
   * keeps its Dec 31 minutes on the old year's balance, where that day's other tasks count them)
   */
  owner?: { openid: string; year: number };
}

/**
 * post() for several member-years in ONE transaction (attendance confirmation credits a whole
 * batch of members at once): each item is checked as post() checks it, all before anything is
 * written; the rank counts get one increment per scope document for the whole batch. Each item's
 * balance must have been read by the caller in this transaction; given `src`, the rank counts are moved
 * only on the scope documents that exist (functions/_lib/rank.ts). An item may carry no entries but
 * only day minutes (`owner` names its balance); it is created as an empty balance when missing.
 */
export async function postMany(tx: Tx, items: PostItem[], now: Date, src?: DbSource): Promise<Balance[]> {
  return write(tx, items, now, 'insert', src);
}

/**
 * Checks, then writes. `post` sets its entries one by one (a caller may rewrite an entry it read,
 * e.g. a held entry approved); `postMany` only creates entries — all of them in ONE insert (one
 * round trip per batch, not per member), which fails the transaction should an id be there already.
 */
async function write(tx: Tx, items: PostItem[], now: Date, entries: 'set' | 'insert', src?: DbSource): Promise<Balance[]> {
  const balanceIds = new Set<string>();
  const entryIds = new Set<string>();
  const prepared = items.map((it) => {
    if (it.entries.length === 0 && !(it.owner && it.dayMinutes)) fail('VALIDATION_FAILED', '没有要记账的积分记录');
    const { openid, year } = it.entries.length ? checkEntries(it.entries) : it.owner!;
    if (it.owner && (it.owner.openid !== openid || it.owner.year !== year)) fail('LEDGER_INVARIANT', '一次记账只能涉及同一成员同一年度的积分');
    const id = balanceIdOf(year, openid);
    if (balanceIds.has(id)) fail('LEDGER_INVARIANT', '一次记账中同一成员同一年度只能出现一次', { balanceId: id });
    balanceIds.add(id);
    for (const e of it.entries) {
      if (entryIds.has(e._id)) fail('LEDGER_INVARIANT', '积分记录编号重复', { entryId: e._id });
      entryIds.add(e._id);
    }
    const { before, balance } = balanceAfter(it.balance, it.entries, it.place, now, { openid, year }, it);
    return { id, before, balance, entries: it.entries };
  });
  if (entries === 'insert') await txInsert(tx, 'ledger', prepared.flatMap((p) => p.entries));
  else for (const p of prepared) for (const e of p.entries) await txSet(tx, 'ledger', e._id, e);
  // hook (h10): the scopes' rank counts move with the balances, in this transaction (functions/_lib/rank.ts)
  const moves: RankMoves = new Map();
  for (const p of prepared) addRankMove(moves, p.before, p.balance);
  // a batch (given the database) first asks which scope documents exist: one query instead of an increment per missing one
  await writeRankMoves(tx, moves, src && moves.size ? await presentRankCounts(src, moves) : undefined);
  for (const p of prepared) await txSet(tx, 'balances', p.id, p.balance);
  return prepared.map((p) => p.balance);
}

/**
 * The balance after `entries` from `stored` (null: none yet, so an empty one for `who`): placed at
 * `place` (kept where it was with `keepPlace`), with `dayMinutes` stored; refuses a negative spendable part.
 * The one computation behind post(), postMany() and postOnce().
 */
function balanceAfter(
  stored: Balance | null, entries: LedgerEntry[], place: PostPlace, now: Date, who: { openid: string; year: number },
  extra: { keepPlace?: boolean; dayMinutes?: Record<string, number> } = {},
): { before: Balance | null; balance: Balance } {
  const before = stored ? normalizeBalance(stored) : null;
  let balance = before ?? emptyBalance(who.year, who.openid, now);
  const { name, ...where } = place;
  if (!before || !extra.keepPlace) balance = { ...balance, ...where };
  if (name) balance = { ...balance, name };
  if (extra.dayMinutes) balance = { ...balance, dayMinutes: { ...balance.dayMinutes, ...extra.dayMinutes }, updatedAt: now };
  for (const e of entries) balance = applyEntry(balance, e, now);
  if (balance.spendable < 0) fail('INSUFFICIENT_POINTS', '可兑换积分不足');
  return { before, balance };
}

export interface PostOnceResult { created: boolean; balance: Balance | null }

/**
 * post() WITHOUT a transaction, for one credit whose entry id is unique to its cause (the report
 * approval's, after the report's own conditional write chose the one approver): 3 round trips
 * (entry, balance, rank counts) instead of a transaction's 7+. `stored` is the balance as the
 * caller read it to build the entry (its caps).
 *
 * - Exactly once: the entry is INSERTED under its derived id; a second insert fails on the id and
 *   nothing else is written (`created: false`).
 * - The entry is written first and is the truth: the balance follows by a conditional write on the
 *   balance as read (entries, points, pending unchanged) — a concurrent post() or postOnce() makes it
 *   match nothing, and it is re-read and the same entry applied again (no lost update) unless the
 *   balance already counts every entry of its year (a reconcile repair took ours in). A crash
 *   between the two leaves the balance one entry short; reconcile rewrites it from the entries
 *   (the one drift it finds).
 * - Caps: the amount was capped against `stored`; a credit for the same member that commits in
 *   the moment between the read and this write is not seen by it, so that day's cap can be passed
 *   by that one credit (a transaction would have made one of them wait). See docs/ARCHITECTURE.md.
 */
export async function postOnce(src: DbSource, entry: LedgerEntry, place: PostPlace, stored: Balance | null, now: Date): Promise<PostOnceResult> {
  const { openid, year } = checkEntries([entry]);
  const db = dbOf(src);
  const id = balanceIdOf(year, openid);
  if (!(await addOnce(db, 'ledger', entry))) return { created: false, balance: null };
  let current = stored;
  for (let attempt = 1; ; attempt++) {
    const { before, balance } = balanceAfter(current, [entry], place, now, { openid, year });
    if (await writeBalanceOnce(db, id, current, balance)) {
      const moves: RankMoves = new Map();
      addRankMove(moves, before, balance);
      await writeRankMovesOnce(db, moves);
      return { created: true, balance };
    }
    if (attempt >= TX_ATTEMPTS) fail('CONFLICT', '积分正在被同时修改，请稍后重试');
    current = await getDoc<Balance>(db, 'balances', id);
    // changed meanwhile: by another post (its entry and balance together), or by a reconcile repair that
    // already counted our entry — then the balance counts every entry of its year, ours too
    if (current && current.entries === await countOf(db.collection('ledger').where({ openid, year }))) return { created: true, balance: current };
  }
}

/** Writes `balance` if the stored one is still `read` (null: creates it unless one appeared); true when written. */
export async function writeBalanceOnce(src: DbSource, id: string, read: Balance | null, balance: Balance): Promise<boolean> {
  const db = dbOf(src);
  const { _id: _same, days, ...rest } = balance;
  if (!read) return addOnce(db, 'balances', { ...balance, _id: id });
  const _ = db.command;
  const was = (v: number | undefined) => (v === undefined ? _.exists(false) : v);
  // `days` replaced whole (a day back at 0 is dropped), not merged key by key
  return (await updateWhere(db, 'balances', { _id: id, entries: was(read.entries), points: was(read.points), pending: was(read.pending) }, { ...rest, days: _.set(days) })) === 1;
}
