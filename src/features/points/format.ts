import type { EntryDto, PointsRuleDto, RankScope } from '@core/contracts/points';

/** +12 / -5 / 0 */
export function fmtPoints(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function fmtHours(hours: number): string {
  return Number.isInteger(hours) ? `${hours}` : hours.toFixed(1);
}

export const SCOPE_LABEL: Record<RankScope, string> = { community: '社区', unit: '单位', street: '街道' };

/** The second line of a history row: minutes served, rule version, reversal state. */
export function entryNote(e: EntryDto): string {
  const parts: string[] = [];
  if (e.minutes > 0) parts.push(`服务 ${fmtHours(Math.round((e.minutes / 60) * 10) / 10)} 小时`);
  if (e.minutes < 0) parts.push(`扣回 ${fmtHours(Math.round((-e.minutes / 60) * 10) / 10)} 小时`);
  if (e.ruleVersion) parts.push(`规则第 ${e.ruleVersion} 版`);
  if (e.reversed) parts.push('已冲正');
  // 手工录入 awaiting 复核: what was proposed, counted nowhere yet
  if (e.review === 'held' && e.heldAmount != null) parts.push(`录入 ${fmtPoints(e.heldAmount)} 分${e.decided === 'approved' ? '，已复核计入' : e.decided === 'rejected' ? '，未计入' : '，复核后计入'}`);
  return parts.join(' · ');
}

/** An id for one intended adjustment, so a retried request is applied once. */
export { newRequestId } from '../../api/requestId';

export const RULE_FIELDS: Array<{ key: keyof PointsRuleDto; label: string; unit: string }> = [
  { key: 'report', label: '报到通过', unit: '分' },
  { key: 'attendance', label: '每次服务', unit: '分' },
  { key: 'perHour', label: '每服务 1 小时', unit: '分' },
  { key: 'pledge', label: '践诺通过', unit: '分' },
  { key: 'pledgePartly', label: '部分践诺', unit: '分' },
  { key: 'wish', label: '实现微心愿', unit: '分' },
  { key: 'pledgeMax', label: '每年承诺数', unit: '项' },
  { key: 'noshow', label: '报名未到', unit: '分' },
  { key: 'dailyCap', label: '每日上限', unit: '分' },
  { key: 'yearlyCap', label: '年度上限', unit: '分' },
  { key: 'minMinutes', label: '服务满多少分钟才计分', unit: '分钟' },
  { key: 'gongshiDays', label: '公示期（3–7 个工作日）', unit: '工作日' },
  { key: 'objectionDays', label: '异议处理期限', unit: '工作日' },
  { key: 'reviewAbove', label: '手工调整超过此分值需复核', unit: '分' },
];

/** One line a member can read: how points are earned here. */
export function describeRule(r: PointsRuleDto): string {
  const min = r.minMinutes > 1 ? ` · 服务不足 ${r.minMinutes} 分钟不计分` : '';
  return `报到 +${r.report} · 服务每次 +${r.attendance}、每小时 +${r.perHour} · 践诺 +${r.pledge}（部分 +${r.pledgePartly}）· 微心愿 +${r.wish} · 未到 ${r.noshow} · 每日最多 ${r.dailyCap}、每年最多 ${r.yearlyCap}${min} · 新积分公示 ${r.gongshiDays} 个工作日后生效 · 手工录入与超过 ${r.reviewAbove} 分的调整须另一名管理员复核`;
}
