import { fail } from './failure';
import { fmtDate } from '../format';

/**
 * Rules of the member → community report (报到), pure.
 *
 * States: pending → approved | rejected | withdrawn | closed; approved → closed (moved away).
 * A member has at most one pending and at most one approved report. Reporting to another community
 * while reported is a move: the new report carries `moveFrom`, and the old approved one closes
 * (`closed`, `movedTo`) only when the new one is approved — the member never falls out of coverage
 * while the move waits. A pending report elsewhere is replaced at once (closed, `movedTo`).
 */
export type ReportStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'closed';

export interface ReportLike {
  id: string;
  status: ReportStatus;
  communityId: string;
}

const transitions: Record<ReportStatus, ReportStatus[]> = {
  pending: ['approved', 'rejected', 'withdrawn', 'closed'],
  approved: ['closed'],
  rejected: [],
  withdrawn: [],
  closed: [],
};

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return transitions[from].includes(to);
}

/** Throws REPORT_STATE unless `from → to` is allowed; the message says why in Chinese. */
export function assertTransition(from: ReportStatus, to: ReportStatus): void {
  if (canTransition(from, to)) return;
  const what: Record<ReportStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回', withdrawn: '已撤回', closed: '已关闭' };
  fail('REPORT_STATE', `该报到申请${what[from]}，不能再进行此操作`);
}

export interface OpenReports {
  pending: ReportLike | null;
  approved: ReportLike | null;
}

export type SubmitPlan = {
  /** the approved report the new one moves out of (closes on approval) */
  moveFrom: ReportLike | null;
  /** a pending report elsewhere that is replaced now (closed with movedTo) */
  replacePending: ReportLike | null;
};

/** What submitting a report to `communityId` does, or why it is refused. */
export function planSubmit(open: OpenReports, communityId: string, confirmMove: boolean): SubmitPlan {
  const { pending, approved } = open;
  if (pending && pending.communityId === communityId) fail('ALREADY_PENDING', '您已向该社区提交报到申请，请等待社区审核');
  if (approved && approved.communityId === communityId) {
    fail('ALREADY_REPORTED', pending ? '您已在该社区报到；如需取消迁移申请，请撤回待审核的申请' : '您已在该社区报到，无需重复报到');
  }
  const elsewhere = approved ?? pending;
  if (elsewhere && !confirmMove) fail('MOVE_CONFIRM_REQUIRED', '您已在其他社区报到或有待审核的申请，确认后将迁移到本社区');
  return { moveFrom: approved, replacePending: pending };
}

/** How a community relates to the caller's open reports, for the report page. */
export function relationTo(open: OpenReports, communityId: string): 'none' | 'same' | 'move' {
  if (open.pending?.communityId === communityId || (!open.pending && open.approved?.communityId === communityId)) return 'same';
  if (open.approved?.communityId === communityId) return 'same';
  if (open.pending || open.approved) return 'move';
  return 'none';
}

export interface ProfileLike {
  name?: string | null;
  phone?: string | null;
  building?: string | null;
  room?: string | null;
}

/** Labels of profile fields a report needs but the profile lacks. */
export function missingProfileFields(p: ProfileLike | null | undefined): string[] {
  const need: Array<[keyof ProfileLike, string]> = [['name', '姓名'], ['phone', '手机号'], ['building', '楼栋'], ['room', '房号']];
  return need.filter(([k]) => !p || !String(p[k] ?? '').trim()).map(([, label]) => label);
}

export function assertProfileComplete(p: ProfileLike | null | undefined): void {
  const missing = missingProfileFields(p);
  if (missing.length) fail('PROFILE_INCOMPLETE', `请先完善个人信息：${missing.join('、')}`, { missing });
}

/** Calendar day in China (UTC+8), e.g. 2026-11-22 — reminders are limited per member per day. */
export function chinaDay(at: Date): string {
  return fmtDate(at);
}

export function canRemind(lastRemindedAt: Date | null | undefined, now: Date): boolean {
  return !lastRemindedAt || chinaDay(lastRemindedAt) !== chinaDay(now);
}

/** 报到率: reported / total, null when there is nobody to count. */
export function coverageRate(reported: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.min(1, reported / total);
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/**
 * The report a member sees as "current" (首页, 我的): an approved report wins (a pending move or a
 * rejected move does not undo it); else the pending one; else the newest rejected/withdrawn one so
 * its reason stays visible. `reports` newest first; closed ones never count.
 */
export function pickCurrent<T extends { status: ReportStatus }>(reports: T[]): T | null {
  const open = reports.filter((r) => r.status !== 'closed');
  return open.find((r) => r.status === 'approved') ?? open.find((r) => r.status === 'pending') ?? open[0] ?? null;
}

/** What a member document keeps of its current report (whoami shows it without querying reports). */
export interface ReportSummary {
  id: string; status: ReportStatus; communityId: string; communityName: string; reason: string | null | undefined; createdAt: Date;
}

/**
 * The current report to store on the member after one of its reports changed to `changed`, or
 * undefined to leave it as it is. Same choice as pickCurrent: an approved report stays current until
 * another is approved; without one, the report that just changed is the newest open one (a member has
 * at most one pending, and it is the newest). A document from before the summary existed that has an
 * approved report (`communityId`) stays without one (whoami then queries the reports).
 */
export function nextCurrent(
  member: { currentReport?: { status: ReportStatus } | null; communityId?: string | null } | null,
  changed: ReportSummary,
): ReportSummary | undefined {
  if (changed.status === 'approved') return changed;
  if (member?.currentReport?.status === 'approved') return undefined;
  if (member?.currentReport === undefined && member?.communityId) return undefined;
  return changed;
}

/** The format checks of a mobile number, in the words the profile form shows next to the field. */
export function phoneProblem(phone: string): string | null {
  const p = phone.trim();
  if (!p) return '请填写手机号';
  if (!/^\d{11}$/.test(p)) return '请输入 11 位手机号';
  if (!/^1[3-9]\d{9}$/.test(p)) return '手机号格式不正确，应为 13–19 开头的手机号';
  return null;
}
