/**
 * Shapes and ids of the points ledger (积分流水). Pure: no I/O.
 *
 * Ids carry the idempotency: an entry's `_id` is derived from what caused it, so the same cause
 * can only ever be written once, whatever retries or concurrent calls happen.
 */
import type { EntryCause } from './scoring';

export interface LedgerEntry {
  _id: string;
  openid: string;
  year: number;
  /** China-time `MMDD` of the event, for the daily cap */
  day: string;
  amount: number;
  minutes: number;
  cause: EntryCause;
  /** reportId | taskId | pledgeId | adjustment request id | reversed entry id */
  sourceId: string;
  communityId: string | null;
  ruleId: string | null;
  ruleVersion: number | null;
  /** counts against caps */
  capped: boolean;
  /** amount before caps (automatic credits) */
  base: number | null;
  cappedBy: 'daily' | 'yearly' | null;
  actor: string;
  reason: string | null;
  /** id of the entry this one reverses (reversal entries only) */
  reverses: string | null;
  /**
   * The entry's change to each balance part. `pending + effective === amount` always: a new credit
   * is pending (awaiting 公示), and an `effect` entry later moves it to effective (amount 0).
   * `spendable` (可兑换分) moves independently of `amount` (spending never lowers 考核分).
   */
  pending: number;
  effective: number;
  spendable: number;
  /**
   * Hand-made credits (手工录入: manual attendance, adjustments above the rule's `reviewAbove`) wait
   * for a second admin (复核). `held`: the entry that records the proposal — amount, minutes and every
   * part 0 (it counts nowhere), `held` carries what was proposed and by whom; `approved`: the
   * credit itself, posted on approval (pending → 公示 like any credit); `rejected`: the rejection
   * (amount 0, the reason). Absent on every other entry.
   */
  review?: EntryReview | null;
  held?: HeldCredit | null;
  /** when the event happened */
  at: Date;
  createdAt: Date;
}

export type EntryReview = 'held' | 'approved' | 'rejected';
/** what a held entry proposes, and who made it (that admin may not approve it) */
export interface HeldCredit { amount: number; minutes: number; maker: string }

export interface Balance {
  _id: string;
  openid: string;
  year: number;
  /** all points of the year: pending + effective */
  points: number;
  /** credits awaiting or in 公示 (do not count anywhere yet) */
  pending: number;
  /** credits past their 公示 window: what rankings, letters and certificates count */
  effective: number;
  /** 可兑换分: what the member can still spend */
  spendable: number;
  minutes: number;
  /** automatic (capped) credits this year */
  earned: number;
  /** automatic credits per China-time day `MMDD` */
  days: Record<string, number>;
  /**
   * Service minutes confirmed per China-time day `YYYY-MM-DD` of this year, across tasks: what the
   * daily minutes cap counts against. Written with the attendance credit in one transaction, so the
   * member's balance read that the credit needs anyway also serialises the cap (functions/task/confirm.ts).
   */
  dayMinutes?: Record<string, number>;
  communityId: string | null;
  unitId: string | null;
  streetId: string | null;
  districtId: string | null;
  /** the member's display name at the last write (rankings show it without reading `members`); kept in step by saveProfile */
  name?: string | null;
  entries: number;
  updatedAt: Date;
}

export function entryIdOf(cause: EntryCause, sourceId: string, openid: string): string {
  return `${cause}:${sourceId}:${openid}`;
}

/** Reversal of an entry: one id per original, so a second reversal collides with the first. */
export function reversalIdOf(entryId: string): string {
  return `reversal:${entryId}`;
}

/** The entry that makes an entry's pending part effective (after its 公示 window): one per entry. */
export function effectIdOf(entryId: string): string {
  return `effect:${entryId}`;
}

/** The credit that approves a held (hand-made) entry, and its rejection: one each per held entry. */
export const approvalIdOf = (heldId: string) => `approve:${heldId}`;
export const rejectionIdOf = (heldId: string) => `reject:${heldId}`;

/** A hand-made entry (awaiting, approved or rejected) — shown as 手工录入 wherever it appears. */
export const isHandMade = (e: Pick<LedgerEntry, 'review'>) => e.review != null;

/**
 * `entry` (a credit as it would be posted) held for 复核 instead: nothing counts — amount, minutes,
 * caps and every part are 0 — and `held` keeps the proposal. `maker`: the admin who made it by hand.
 */
export function heldOf(entry: LedgerEntry, maker: string): LedgerEntry {
  return { ...entry, amount: 0, minutes: 0, pending: 0, effective: 0, spendable: 0, review: 'held', held: { amount: entry.amount, minutes: entry.minutes, maker } };
}

/** The credit a second admin's approval posts: the proposal, pending (it enters 公示 from now). */
export function approvalOf(held: LedgerEntry, actor: string, now: Date): LedgerEntry {
  const h = held.held!;
  return {
    ...held, _id: approvalIdOf(held._id), amount: h.amount, minutes: h.minutes, ...pendingParts(h.amount),
    actor, review: 'approved', held: null, createdAt: now,
  };
}

/** The record of a rejection: nothing counts, the reason is kept. */
export function rejectionOf(held: LedgerEntry, actor: string, reason: string, now: Date): LedgerEntry {
  return {
    ...held, _id: rejectionIdOf(held._id), amount: 0, minutes: 0, pending: 0, effective: 0, spendable: 0, capped: false,
    actor, reason, review: 'rejected', held: null, createdAt: now,
  };
}

/** The balance parts; each always equals the sum of that part over the balance's entries. */
export const BALANCE_PARTS = ['pending', 'effective', 'spendable'] as const;
export type BalancePart = (typeof BALANCE_PARTS)[number];

/** How a new credit of `amount` enters the balance: pending until its 公示 window has passed. */
export function pendingParts(amount: number): Pick<LedgerEntry, 'pending' | 'effective' | 'spendable'> {
  return { pending: amount, effective: 0, spendable: 0 };
}

/**
 * What is wrong with an entry, or null. post() refuses a batch with any wrong entry, so a balance's
 * parts can always be re-derived from its entries.
 */
export function entryProblem(e: LedgerEntry): string | null {
  if (!e._id || !e.openid) return '积分记录缺少编号或成员';
  for (const k of ['amount', 'minutes', 'pending', 'effective', 'spendable'] as const) {
    if (!Number.isInteger(e[k])) return `积分记录的 ${k} 必须是整数`;
  }
  if (e.pending + e.effective !== e.amount) return '积分记录的待公示分与已生效分之和必须等于分值';
  if (e.cause === 'reversal' && !e.reverses) return '冲正记录必须指明被冲正的记录';
  if (e.review === 'held' && (e.amount !== 0 || e.minutes !== 0 || e.pending !== 0 || e.effective !== 0 || e.spendable !== 0 || !e.held)) return '待复核记录在复核通过前不能计入任何积分';
  if (e.review === 'rejected' && (e.amount !== 0 || e.minutes !== 0 || e.pending !== 0 || e.effective !== 0 || e.spendable !== 0)) return '未通过复核的记录不能计入积分';
  if (e.cause === 'effect' && (e.amount !== 0 || e.minutes !== 0 || e.pending !== -e.effective)) return '生效记录只能把待公示分转为已生效分';
  return null;
}

/**
 * The entry recording that `original`'s pending part became effective (its 公示 window passed
 * without an open objection). Amount 0: points are unchanged, only the part moves.
 */
export function effectOf(original: LedgerEntry, actor: string, now: Date, spendable = 0): LedgerEntry {
  return {
    _id: effectIdOf(original._id), openid: original.openid, year: original.year, day: original.day, amount: 0, minutes: 0,
    cause: 'effect', sourceId: original._id, communityId: original.communityId, ruleId: original.ruleId, ruleVersion: original.ruleVersion,
    capped: false, base: null, cappedBy: null, actor, reason: null, reverses: null,
    pending: -original.pending, effective: original.pending, spendable, at: now, createdAt: now,
  };
}

export function balanceIdOf(year: number, openid: string): string {
  return `${year}:${openid}`;
}

export function ruleDocIdOf(scopeId: string, version: number): string {
  return `${scopeId}:v${version}`;
}

/**
 * The reversal entry of `original`: everything negated, same year/day so caps and totals net out.
 * `effected`: the original's pending part has since become effective (its `effect` entry exists),
 * so the reversal takes it from effective instead.
 */
export function reversalOf(original: LedgerEntry, actor: string, reason: string, now: Date, effected = false): LedgerEntry {
  const parts = effected
    ? { pending: 0, effective: -(original.pending + original.effective), spendable: -original.spendable }
    : { pending: -original.pending, effective: -original.effective, spendable: -original.spendable };
  return {
    ...parts,
    _id: reversalIdOf(original._id),
    openid: original.openid,
    year: original.year,
    day: original.day,
    amount: -original.amount,
    minutes: -original.minutes,
    cause: 'reversal',
    sourceId: original._id,
    communityId: original.communityId,
    ruleId: original.ruleId,
    ruleVersion: original.ruleVersion,
    capped: original.capped,
    base: null,
    cappedBy: null,
    actor,
    reason,
    reverses: original._id,
    at: now,
    createdAt: now,
  };
}

/** A balance after adding `entry` (pure; the caller writes it in the same transaction as the entry). */
export function applyEntry(balance: Balance, entry: Pick<LedgerEntry, 'amount' | 'minutes' | 'capped' | 'day' | 'pending' | 'effective' | 'spendable'>, now: Date): Balance {
  const days = { ...balance.days };
  let earned = balance.earned;
  if (entry.capped) {
    earned += entry.amount;
    days[entry.day] = (days[entry.day] ?? 0) + entry.amount;
    if (days[entry.day] === 0) delete days[entry.day];
  }
  return {
    ...balance, points: balance.points + entry.amount, minutes: balance.minutes + entry.minutes, earned, days, entries: balance.entries + 1,
    pending: balance.pending + entry.pending, effective: balance.effective + entry.effective, spendable: balance.spendable + entry.spendable, updatedAt: now,
  };
}

export function emptyBalance(year: number, openid: string, now: Date): Balance {
  return {
    _id: balanceIdOf(year, openid), openid, year, points: 0, pending: 0, effective: 0, spendable: 0, minutes: 0, earned: 0, days: {},
    communityId: null, unitId: null, streetId: null, districtId: null, entries: 0, updatedAt: now,
  };
}

/** Where a balance is ranked: community, unit, street, district. */
export interface BalancePlace { communityId: string | null; unitId: string | null; streetId: string | null; districtId: string | null }

/**
 * A member's ranking place from their member doc and their community's `path` ([district, street]).
 * The unit counts only once the unit has confirmed the member (`unitStatus` verified; docs without
 * a status are taken as confirmed).
 */
export function placeFrom(
  member: { communityId?: string | null; unitId?: string | null; unitStatus?: string | null } | null,
  communityId: string | null,
  path: string[] | undefined,
): BalancePlace {
  const unitOk = member?.unitId && (!member.unitStatus || member.unitStatus === 'verified');
  const [districtId, streetId] = path ?? [];
  return {
    communityId,
    unitId: unitOk ? member!.unitId! : null,
    streetId: communityId ? streetId ?? null : null,
    districtId: communityId ? districtId ?? null : null,
  };
}

export function samePlace(a: BalancePlace, b: Partial<BalancePlace>): boolean {
  return a.communityId === (b.communityId ?? null) && a.unitId === (b.unitId ?? null)
    && a.streetId === (b.streetId ?? null) && a.districtId === (b.districtId ?? null);
}
