/**
 * Points (积分) scoring: pure rules, no I/O. The ledger (functions/_shared/ledger.ts) loads the
 * rule and the member's balance, asks here how much an event is worth, and writes the answer.
 *
 * Rules are data (`rules` collection, one full document per version and scope). When no rule
 * document exists for a community or its district, DEFAULT_RULE applies:
 *
 *   | field            | default | meaning                                                     |
 *   | ---------------- | ------- | ----------------------------------------------------------- |
 *   | report           | 10      | points once the community approves the member's 报到          |
 *   | attendance       | 5       | points per confirmed attendance of a task                   |
 *   | perHour          | 2       | extra points per full hour of confirmed service (pro rata)   |
 *   | pledge           | 5       | points when a pledge's fulfilment is accepted               |
 *   | pledgePartly     | 2       | points when a pledge is judged partly fulfilled             |
 *   | wish             | 5       | points per member for a confirmed 微心愿 (never by gift value) |
 *   | pledgeMax        | 3       | most pledges a member may make in one year (not points)     |
 *   | noshow           | -5      | penalty when a signed-up member neither came nor cancelled  |
 *   | dailyCap         | 30      | most points earned automatically on one day (China time)    |
 *   | yearlyCap        | 1000    | most points earned automatically in one year                |
 *   | minMinutes       | 1       | a confirmed attendance shorter than this earns no points     |
 *   | gongshiDays      | 5       | working days a week's credits stay in 公示 before they count (3–7) |
 *   | objectionDays    | 5       | working days the community admin has to rule on an objection  |
 *   | reviewAbove      | 20      | a manual adjustment of more points than this (either sign) waits for a second admin (复核) |
 *
 * Caps limit only automatic credits (report / attendance / pledge / wish). Penalties, manual adjustments
 * and reversals are never capped; a reversal of a capped credit gives its room back.
 * Minutes are always recorded in full, even when the points are capped to zero.
 */
import { china, chinaYear } from '../format';

export type AwardCause = 'report' | 'attendance' | 'noshow' | 'pledge' | 'wish';
/** A pledge judged partly fulfilled earns `pledgePartly` instead of `pledge` (same entry id: once). */
export type AwardVariant = 'partly';
/** `effect`: a credit's 公示 window passed, its pending part became effective (amount 0);
 * `earn` / `spend` / `refund` / `expire`: the spendable part (可兑换分, core/domain/redeem.ts), amount 0 */
export type EntryCause = AwardCause | 'adjust' | 'reversal' | 'effect' | 'earn' | 'spend' | 'refund' | 'expire';

export interface PointsRule {
  report: number;
  attendance: number;
  perHour: number;
  pledge: number;
  pledgePartly: number;
  wish: number;
  pledgeMax: number;
  noshow: number;
  dailyCap: number;
  yearlyCap: number;
  /** attendance below this many whole minutes earns nothing (a 0-minute sign-in/out is no service) */
  minMinutes: number;
  /** working days a 公示 batch stays open before its credits become effective (3–7) */
  gongshiDays: number;
  /** working days the community admin has to rule on a 公示 objection */
  objectionDays: number;
  /** a manual adjustment above this many points (absolute) needs a second admin's approval (复核) */
  reviewAbove: number;
}

export const DEFAULT_RULE: Readonly<PointsRule> = Object.freeze({
  report: 10,
  attendance: 5,
  perHour: 2,
  pledge: 5,
  pledgePartly: 2,
  wish: 5,
  pledgeMax: 3,
  noshow: -5,
  dailyCap: 30,
  yearlyCap: 1000,
  minMinutes: 1,
  gongshiDays: 5,
  objectionDays: 5,
  reviewAbove: 20,
});

/** Rule id recorded on entries computed from DEFAULT_RULE (no rule document). */
export const DEFAULT_RULE_ID = 'default';

/** Causes whose credits count against the daily / yearly caps. */
export function isCapped(cause: EntryCause): boolean {
  return cause === 'report' || cause === 'attendance' || cause === 'pledge' || cause === 'wish';
}

/** Days and years turn over in China time (UTC+8), whatever the server's time zone. */
export function yearOf(at: Date): number {
  return chinaYear(at);
}

/** `MMDD` of the China-time day; the balance keeps its per-day totals under this key. */
export function dayOf(at: Date): string {
  return china(at).format('MMDD');
}

/** What the event is worth before caps. Service points are pro rata per minute, rounded down. */
export function baseAmount(rule: PointsRule, cause: AwardCause, minutes = 0, variant?: AwardVariant): number {
  switch (cause) {
    case 'report':
      return rule.report;
    case 'pledge':
      return variant === 'partly' ? rule.pledgePartly : rule.pledge;
    case 'wish':
      return rule.wish;
    case 'noshow':
      return rule.noshow;
    case 'attendance': {
      const m = Math.max(0, Math.floor(minutes));
      // rule versions saved before minMinutes existed are read over DEFAULT_RULE, so they get 1
      if (m < (rule.minMinutes ?? DEFAULT_RULE.minMinutes)) return 0;
      return rule.attendance + Math.floor((m * rule.perHour) / 60);
    }
  }
}

export interface CapState {
  /** automatic credits already earned on the event's day */
  dayEarned: number;
  /** automatic credits already earned in the event's year */
  yearEarned: number;
}

export interface Award {
  amount: number;
  /** value before caps, for the entry's record */
  base: number;
  /** which cap cut the amount, if any */
  cappedBy: 'daily' | 'yearly' | null;
  /** service minutes recorded on the entry */
  minutes: number;
  /** whether the entry counts against caps */
  capped: boolean;
}

/** The amount an event earns given the member's totals so far. Integer points, never below 0 for credits. */
export function computeAward(rule: PointsRule, cause: AwardCause, minutes: number | undefined, state: CapState, variant?: AwardVariant): Award {
  const base = Math.trunc(baseAmount(rule, cause, minutes, variant));
  const recorded = cause === 'attendance' ? Math.max(0, Math.floor(minutes ?? 0)) : 0;
  if (!isCapped(cause) || base <= 0) {
    return { amount: base, base, cappedBy: null, minutes: recorded, capped: isCapped(cause) };
  }
  const dayRoom = Math.max(0, rule.dailyCap - state.dayEarned);
  const yearRoom = Math.max(0, rule.yearlyCap - state.yearEarned);
  let amount = base;
  let cappedBy: Award['cappedBy'] = null;
  if (amount > yearRoom) { amount = yearRoom; cappedBy = 'yearly'; }
  if (amount > dayRoom) { amount = dayRoom; cappedBy = 'daily'; }
  return { amount, base, cappedBy, minutes: recorded, capped: true };
}

/** A rule document's values are sane: integers, caps non-negative, penalty not positive. */
export function validateRule(rule: PointsRule): string | null {
  for (const [k, v] of Object.entries(rule)) {
    if (!Number.isInteger(v)) return `${k} 必须是整数`;
  }
  if (rule.noshow > 0) return '缺席扣分应为负数或 0';
  if (rule.report < 0 || rule.attendance < 0 || rule.perHour < 0 || rule.pledge < 0 || rule.pledgePartly < 0 || rule.wish < 0) return '奖励分值不能为负数';
  if (rule.pledgePartly > rule.pledge) return '部分践诺积分不能高于践诺积分';
  if (rule.pledgeMax < 1 || rule.pledgeMax > 10) return '每年承诺数应在 1–10 之间';
  if (rule.dailyCap < 0 || rule.yearlyCap < 0) return '上限不能为负数';
  if (rule.dailyCap > rule.yearlyCap) return '每日上限不能大于年度上限';
  if (rule.minMinutes < 1) return '最少服务时长至少 1 分钟';
  if (rule.gongshiDays < 3 || rule.gongshiDays > 7) return '公示期应为 3–7 个工作日';
  if (rule.objectionDays < 1 || rule.objectionDays > 15) return '异议处理期限应为 1–15 个工作日';
  if (rule.reviewAbove < 0 || rule.reviewAbove > 1000) return '需复核的调整分值应在 0–1000 之间';
  return null;
}

/** Chinese reason shown in a member's history. */
export function describeCause(cause: EntryCause, extra?: { reason?: string | null; cappedBy?: Award['cappedBy'] }): string {
  const base: Record<EntryCause, string> = {
    report: '社区报到审核通过',
    attendance: '参加志愿服务',
    pledge: '承诺践诺通过',
    wish: '微心愿已实现',
    noshow: '报名后未到场',
    adjust: '管理员调整',
    reversal: '冲正更正',
    effect: '公示期满生效',
    earn: '获得可兑换积分',
    spend: '积分兑换',
    refund: '取消兑换退回',
    expire: '可兑换积分到期',
  };
  let text = base[cause];
  if (extra?.reason) text += `：${extra.reason}`;
  if (extra?.cappedBy === 'daily') text += '（已达每日上限）';
  if (extra?.cappedBy === 'yearly') text += '（已达年度上限）';
  return text;
}

/** Balance totals derived from entries; reconciliation compares these with the stored balance. */
export interface Totals { points: number; minutes: number; earned: number; days: Record<string, number>; pending: number; effective: number; spendable: number }

export interface EntryLike { amount: number; minutes: number; capped?: boolean; day?: string; pending?: number; effective?: number; spendable?: number }

export const emptyTotals = (): Totals => ({ points: 0, minutes: 0, earned: 0, days: {}, pending: 0, effective: 0, spendable: 0 });

export function totalsOf(entries: Iterable<EntryLike>, into: Totals = emptyTotals()): Totals {
  for (const e of entries) {
    into.points += e.amount;
    into.minutes += e.minutes;
    // an entry from before balance parts existed counted at once: all effective
    const legacy = e.pending == null && e.effective == null;
    into.pending += legacy ? 0 : e.pending ?? 0;
    into.effective += legacy ? e.amount : e.effective ?? 0;
    into.spendable += e.spendable ?? 0;
    if (e.capped && e.day) {
      into.earned += e.amount;
      into.days[e.day] = (into.days[e.day] ?? 0) + e.amount;
    }
  }
  return into;
}

/** Differences between stored and derived totals (empty when they agree). Zero-valued days are equal to missing ones. */
export function driftOf(stored: Partial<Totals>, derived: Totals): string[] {
  const out: string[] = [];
  if ((stored.points ?? 0) !== derived.points) out.push('points');
  if ((stored.minutes ?? 0) !== derived.minutes) out.push('minutes');
  if ((stored.earned ?? 0) !== derived.earned) out.push('earned');
  // a balance from before parts existed: all of its points were effective
  const pending = stored.pending ?? 0;
  if (pending !== derived.pending) out.push('pending');
  if ((stored.effective ?? (stored.points ?? 0) - pending) !== derived.effective) out.push('effective');
  if ((stored.spendable ?? 0) !== derived.spendable) out.push('spendable');
  const days = new Set([...Object.keys(stored.days ?? {}), ...Object.keys(derived.days)]);
  for (const d of days) {
    if ((stored.days?.[d] ?? 0) !== (derived.days[d] ?? 0)) { out.push('days'); break; }
  }
  return out;
}
