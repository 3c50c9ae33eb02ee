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
  /** when the event happened */
  at: Date;
  createdAt: Date;
}

export interface Balance {
  _id: string;
  openid: string;
  year: number;
  points: number;
  minutes: number;
  /** automatic (capped) credits this year */
  earned: number;
  /** automatic credits per China-time day `MMDD` */
  days: Record<string, number>;
  communityId: string | null;
  unitId: string | null;
  streetId: string | null;
  districtId: string | null;
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

export function balanceIdOf(year: number, openid: string): string {
  return `${year}:${openid}`;
}

export function ruleDocIdOf(scopeId: string, version: number): string {
  return `${scopeId}:v${version}`;
}

/** The reversal entry of `original`: everything negated, same year/day so caps and totals net out. */
export function reversalOf(original: LedgerEntry, actor: string, reason: string, now: Date): LedgerEntry {
  return {
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
export function applyEntry(balance: Balance, entry: Pick<LedgerEntry, 'amount' | 'minutes' | 'capped' | 'day'>, now: Date): Balance {
  const days = { ...balance.days };
  let earned = balance.earned;
  if (entry.capped) {
    earned += entry.amount;
    days[entry.day] = (days[entry.day] ?? 0) + entry.amount;
    if (days[entry.day] === 0) delete days[entry.day];
  }
  return { ...balance, points: balance.points + entry.amount, minutes: balance.minutes + entry.minutes, earned, days, entries: balance.entries + 1, updatedAt: now };
}

export function emptyBalance(year: number, openid: string, now: Date): Balance {
  return { _id: balanceIdOf(year, openid), openid, year, points: 0, minutes: 0, earned: 0, days: {}, communityId: null, unitId: null, streetId: null, districtId: null, entries: 0, updatedAt: now };
}

/** Where a balance is ranked: community, unit, street, district. */
export interface BalancePlace { communityId: string | null; unitId: string | null; streetId: string | null; districtId: string | null }

/**
 * A member's ranking place from their member doc and their community's `path` ([district, street]).
 * The unit counts only once the unit has confirmed the member (`unitStatus` verified; docs without
 * a status are taken as confirmed).
 */
export function placeFrom(member: { communityId?: string | null; unitId?: string | null; unitStatus?: string | null } | null, communityId: string | null, path: string[] | undefined): BalancePlace {
  const unitOk = member?.unitId && (!member.unitStatus || member.unitStatus === 'verified');
  const [districtId, streetId] = path ?? [];
  return { communityId, unitId: unitOk ? member!.unitId! : null, streetId: communityId ? streetId ?? null : null, districtId: communityId ? districtId ?? null : null };
}

export function samePlace(a: BalancePlace, b: Partial<BalancePlace>): boolean {
  return a.communityId === (b.communityId ?? null) && a.unitId === (b.unitId ?? null) && a.streetId === (b.streetId ?? null) && a.districtId === (b.districtId ?? null);
}
