/**
 * 记实档案: a member's record assembled from what other parts stored (reports, confirmed signups,
 * ledger entries, …) into one timeline. Pure: callers load the documents, this decides what is on
 * the record, in which period, and what it adds up to. Only confirmed service counts (谁记录谁证明).
 */
import { dayKey } from './hours';

export interface RecordReport {
  _id: string; communityId: string; communityName: string; status: string;
  createdAt: Date; decidedAt: Date | null; closedAt: Date | null; movedTo: string | null; reason: string | null;
}
/** Task-line statuses of hand-made attendance that does not count (yet): no minutes, not a task attended. */
export const HELD_STATUS = '待复核';
export const REJECTED_STATUS = '复核驳回';

export interface RecordSignup {
  taskId: string; title: string; communityName: string; startAt: Date; endAt: Date; minutes: number;
  confirmed: boolean; noshow: boolean; residentConfirmed?: boolean;
}
/** a ledger entry: `effective` is its part past 公示 (an `effect` entry later moves more of it, naming it in sourceId) */
const SPENDABLE_ONLY = new Set(['earn', 'spend', 'refund', 'expire']);

/** `review`: a hand-made credit (手工录入) — held for 复核, its approval, or its rejection */
export interface RecordEntry { _id: string; cause: string; amount: number; pending: number; effective: number; sourceId: string; reason: string | null; createdAt: Date; reverses: string | null; review?: 'held' | 'approved' | 'rejected' | null;
  /** a held (待复核) entry counts 0: what the admin proposed, so the line reads +30, not 0 */
  proposed?: number | null }
export interface RecordEvaluation { _id: string; targetKind: string; score: number; grade?: string | null; remark: string; raterName: string; at: Date }
export interface RecordExtra { id: string; kind: 'pledge' | 'wish' | 'certificate'; at: Date; title: string; detail: string; status: string | null }

export interface TimelineItem {
  id: string;
  kind: 'report' | 'move' | 'task' | 'points' | 'evaluation' | 'certificate' | 'pledge' | 'wish';
  at: Date;
  title: string;
  detail: string;
  minutes: number;
  points: number;
  status: string | null;
}

export interface Period { from?: string; to?: string }

/** Is `at` inside the period (China-time days, both ends included)? */
export function inPeriod(at: Date, period: Period): boolean {
  const d = dayKey(at);
  return (!period.from || d >= period.from) && (!period.to || d <= period.to);
}

export function validPeriod(period: Period): boolean {
  return !(period.from && period.to && period.from > period.to);
}

const REPORT_STATUS: Record<string, string> = { pending: '待审核', approved: '已通过', rejected: '未通过', withdrawn: '已撤回', closed: '已转出' };
const CAUSE: Record<string, string> = { report: '报到积分', attendance: '服务积分', noshow: '缺席扣分', pledge: '践诺积分', wish: '微心愿积分', adjust: '管理员调整', reversal: '冲正' };

export function formatHours(minutes: number): string {
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h} 小时`;
}

/**
 * One timeline, newest first. Attendance points are shown on their task line; every other ledger
 * entry (report, pledge, adjustments, reversals) is a line of its own. Points count EFFECTIVE parts
 * only (past their 公示); what is still in 公示 is said in the line's detail, never added up.
 */
export function assembleTimeline(
  src: { reports: RecordReport[]; signups: RecordSignup[]; entries: RecordEntry[]; evaluations?: RecordEvaluation[]; extras?: RecordExtra[] },
  period: Period = {},
): TimelineItem[] {
  const items: TimelineItem[] = [];
  const moved = new Map<string, number>();
  for (const e of src.entries) if (e.cause === 'effect') moved.set(e.sourceId, (moved.get(e.sourceId) ?? 0) + e.effective);
  const effectiveOf = (e: RecordEntry) => e.effective + (moved.get(e._id) ?? 0);
  const pendingOf = (e: RecordEntry) => e.pending - (moved.get(e._id) ?? 0);
  const taskPoints = new Map<string, number>();
  const taskPending = new Map<string, number>();
  for (const e of src.entries) {
    if (e.cause !== 'attendance' && e.cause !== 'noshow') continue;
    taskPoints.set(e.sourceId, (taskPoints.get(e.sourceId) ?? 0) + effectiveOf(e));
    taskPending.set(e.sourceId, (taskPending.get(e.sourceId) ?? 0) + pendingOf(e));
  }
  const reversed = new Map<string, number>();
  for (const e of src.entries) if (e.cause === 'reversal' && e.reverses) reversed.set(e.reverses, e.amount);
  // hand-made (手工录入) attendance by task: still awaiting 复核 / approved / rejected
  const decided = new Set(src.entries.filter((e) => e.review === 'approved' || e.review === 'rejected').map((e) => e._id.replace(/^(approve|reject):/, '')));
  const handMade = new Map<string, string>();
  // tasks whose hand-made attendance is still awaiting 复核 or was rejected: their minutes count nowhere
  // (certificates, letters, exports add up these lines), like their points
  const uncounted = new Map<string, string>();
  for (const e of src.entries) {
    if (e.cause !== 'attendance' || !e.review) continue;
    if (e.review === 'held' && !decided.has(e._id)) {
      handMade.set(e.sourceId, '手工录入 · 待复核，不计时长');
      uncounted.set(e.sourceId, HELD_STATUS);
    } else if (e.review === 'approved') {
      handMade.set(e.sourceId, '手工录入 · 已复核');
      uncounted.delete(e.sourceId);
    } else if (e.review === 'rejected') {
      handMade.set(e.sourceId, '手工录入 · 复核驳回，不计时长');
      uncounted.set(e.sourceId, REJECTED_STATUS);
    }
  }

  for (const r of src.reports) {
    items.push({ id: `report:${r._id}`, kind: 'report', at: r.createdAt, title: `报到 ${r.communityName}`, detail: r.status === 'rejected' && r.reason ? `未通过原因：${r.reason}` : r.decidedAt ? `审核时间 ${dayKey(r.decidedAt)}` : '', minutes: 0, points: 0, status: REPORT_STATUS[r.status] ?? r.status });
    if (r.closedAt) items.push({ id: `move:${r._id}`, kind: 'move', at: r.closedAt, title: `从 ${r.communityName} 转出`, detail: r.movedTo ? '已向新社区报到' : '', minutes: 0, points: 0, status: '已转出' });
  }
  for (const s of src.signups) {
    if (!s.confirmed) continue;
    const pts = taskPoints.get(s.taskId) ?? 0;
    const pending = taskPending.get(s.taskId) ?? 0;
    items.push({
      id: `task:${s.taskId}`, kind: 'task', at: s.startAt, title: s.title,
      detail: `${s.communityName} · ${s.noshow ? '报名未到场' : `服务 ${formatHours(s.minutes)}`}${handMade.has(s.taskId) ? ` · ${handMade.get(s.taskId)}` : ''}${pending ? ` · 公示中 ${pending > 0 ? '+' : ''}${pending} 分` : ''}`,
      minutes: s.noshow || uncounted.has(s.taskId) ? 0 : s.minutes, points: pts,
      status: s.noshow ? '缺席' : uncounted.get(s.taskId) ?? (s.residentConfirmed ? '居民已确认' : '已确认'),
    });
  }
  for (const e of src.entries) {
    // attendance shows on its task line (net of reversals, below); an effect entry only moves 公示 → effective
    // 可兑换分 entries (earn/spend/refund/expire) carry amount 0: they never change the record's points
    if (e.cause === 'attendance' || e.cause === 'noshow' || e.cause === 'effect' || SPENDABLE_ONLY.has(e.cause)) continue;
    const label = CAUSE[e.cause] ?? e.cause;
    const pending = pendingOf(e);
    const mark = e.review === 'held' ? (decided.has(e._id) ? '手工录入 · 已复核处理' : '手工录入 · 待复核，不计分') : e.review === 'approved' ? '手工录入 · 已复核' : e.review === 'rejected' ? '手工录入 · 复核驳回' : '';
    const detail = [e.reason ?? '', mark, pending ? `公示中 ${pending > 0 ? '+' : ''}${pending} 分，公示期满后生效` : ''].filter(Boolean).join(' · ');
    const shown = e.review === 'held' && !decided.has(e._id) && e.proposed != null ? e.proposed : e.amount;
    items.push({ id: `points:${e._id}`, kind: 'points', at: e.createdAt, title: `${label} ${shown > 0 ? '+' : ''}${shown}`, detail, minutes: 0, points: effectiveOf(e), status: reversed.has(e._id) ? '已冲正' : pending && !effectiveOf(e) ? '公示中' : null });
  }
  for (const v of src.evaluations ?? []) {
    items.push({ id: `evaluation:${v._id}`, kind: 'evaluation', at: v.at, title: v.grade ? `年度评价：${v.grade}` : `评价 ${v.score} 星`, detail: [v.raterName, v.remark].filter(Boolean).join('：'), minutes: 0, points: 0, status: null });
  }
  for (const x of src.extras ?? []) items.push({ ...x, minutes: 0, points: 0 });
  return items.filter((i) => inPeriod(i.at, period)).sort((a, b) => b.at.getTime() - a.at.getTime() || a.id.localeCompare(b.id));
}

export interface RecordSummary { tasks: number; minutes: number; points: number; noshows: number }

/** What a timeline adds up to: confirmed tasks attended, minutes, points (net), no-shows. */
export function summarize(items: TimelineItem[]): RecordSummary {
  const s: RecordSummary = { tasks: 0, minutes: 0, points: 0, noshows: 0 };
  for (const i of items) {
    if (i.kind === 'task') {
      if (i.status === '缺席') s.noshows++;
      else if (i.status !== HELD_STATUS && i.status !== REJECTED_STATUS) s.tasks++;
    }
    s.minutes += i.minutes;
    s.points += i.points;
  }
  return s;
}

/** A named period: a year, a quarter, or everything. China-time days. */
export interface NamedPeriod { key: string; label: string; from?: string; to?: string }

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'];

export function yearPeriod(year: number): NamedPeriod {
  return { key: `${year}`, label: `${year} 年`, from: `${year}-01-01`, to: `${year}-12-31` };
}
export function quarterPeriod(year: number, q: number): NamedPeriod {
  return { key: `${year}Q${q}`, label: `${year} 年第 ${q} 季度`, from: `${year}-${pad(q * 3 - 2)}-01`, to: `${year}-${QUARTER_END[q - 1]}` };
}
/** The quarter a China-time day falls in. */
export function quarterOf(at: Date): { year: number; q: number } {
  const d = dayKey(at);
  return { year: Number(d.slice(0, 4)), q: Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1 };
}
/** Filter choices for record pages: all, this year, this quarter, last quarter, last year. */
export function periodChoices(now: Date): NamedPeriod[] {
  const { year, q } = quarterOf(now);
  const last = q === 1 ? { year: year - 1, q: 4 } : { year, q: q - 1 };
  return [
    { key: 'all', label: '全部' },
    { ...quarterPeriod(year, q), label: '本季度' },
    { ...quarterPeriod(last.year, last.q), label: '上季度' },
    { ...yearPeriod(year), label: '本年度' },
    { ...yearPeriod(year - 1), label: `${year - 1} 年` },
  ];
}

/** 服务证明 number: ZM-<community>-<year>-<6-digit sequence>, upper case (people type it). */
export function certificateNumber(communityId: string, year: number, seq: number): string {
  return `ZM-${communityId.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}-${year}-${String(seq).padStart(6, '0')}`;
}
