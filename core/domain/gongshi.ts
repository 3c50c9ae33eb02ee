/**
 * 公示 (public posting of new points): pure rules, no I/O.
 *
 * Every new credit is pending. A daily timer gathers a community's credits made before the start of
 * the current China-time week into ONE batch for the week they were made in (id derived from
 * community + week, so a rerun finds the same batch), open for `gongshiDays` working days. When the
 * window has passed, each item that is not frozen by an objection becomes effective (an `effect`
 * ledger entry). Working days are Monday–Friday without public holidays, plus 调休 weekend working
 * days (core/domain/holidays.ts).
 */
import { china, type Instant } from '../format';
import { isWorkingDay } from './holidays';

export type GongshiItemStatus = 'open' | 'frozen' | 'ruled' | 'effective' | 'revoked';
export type ObjectionDecision = 'keep' | 'adjust' | 'revoke';

export const objectionDecisionLabel: Record<ObjectionDecision, string> = { keep: '维持', adjust: '调整', revoke: '撤销' };

/** Causes whose entries go through 公示 (reversals and effects net or move existing ones). */
export const PUBLISHED_CAUSES = ['report', 'attendance', 'noshow', 'pledge', 'wish', 'adjust'] as const;

/** Monday 00:00 China time of the week `at` falls in. */
export function weekStartOf(at: Instant): Date {
  const d = china(at).startOf('day');
  const back = (d.day() + 6) % 7; // Monday → 0 … Sunday → 6
  return d.subtract(back, 'day').toDate();
}

/** `2026-11-23` — the Monday (China time) naming the week a credit was made in. */
export function weekKeyOf(at: Instant): string {
  return china(weekStartOf(at)).format('YYYY-MM-DD');
}

export function batchIdOf(communityId: string, weekKey: string): string {
  return `${communityId}:${weekKey}`;
}

/** source id of the credit an 调整 ruling posts for a 公示 item */
export const correctionSourceOf = (itemId: string) => `gongshi:${itemId}`;
export const isCorrection = (sourceId: string) => sourceId.startsWith('gongshi:');

export function objectionIdOf(itemId: string, openid: string): string {
  return `${itemId}:${openid}`;
}

/**
 * The end of a window of `days` working days counted from the day of `from` (China time, that day
 * included when it is a working day): 00:00 after the last one. Published on a Monday with 5 days →
 * open Monday–Friday, ends Saturday 00:00. Public holidays are skipped, 调休 weekend days count.
 */
export function addWorkingDays(from: Instant, days: number): Date {
  let d = china(from).startOf('day');
  let left = Math.max(1, days);
  for (;;) {
    if (isWorkingDay(d.format('YYYY-MM-DD'), d.day())) left--;
    if (left === 0) return d.add(1, 'day').toDate();
    d = d.add(1, 'day');
  }
}

/** Whether an item's credit may become effective at `now`: window over, not frozen, not yet done. */
export function dueForEffect(item: { status: GongshiItemStatus; endsAt: Date }, now: Date): boolean {
  return (item.status === 'open' || item.status === 'ruled') && item.endsAt.getTime() <= now.getTime();
}
