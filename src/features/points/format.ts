import type { EntryDto, RankScope } from '@core/contracts/points';

/** +12 / -5 / 0 */
export function fmtPoints(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function fmtHours(hours: number): string {
  return Number.isInteger(hours) ? `${hours}` : hours.toFixed(1);
}

/** 2026-06-01 10:00 in the phone's local time */
export function fmtDateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export const SCOPE_LABEL: Record<RankScope, string> = { community: '社区', unit: '单位', street: '街道' };

/** The second line of a history row: minutes served, rule version, reversal state. */
export function entryNote(e: EntryDto): string {
  const parts: string[] = [];
  if (e.minutes > 0) parts.push(`服务 ${fmtHours(Math.round((e.minutes / 60) * 10) / 10)} 小时`);
  if (e.minutes < 0) parts.push(`扣回 ${fmtHours(Math.round((-e.minutes / 60) * 10) / 10)} 小时`);
  if (e.ruleVersion) parts.push(`规则第 ${e.ruleVersion} 版`);
  if (e.reversed) parts.push('已冲正');
  return parts.join(' · ');
}

/** An id for one intended adjustment, so a retried request is applied once. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
