/**
 * 承诺践诺 (pledges): pure rules, no I/O. States, what each role may do in each state, the yearly
 * limit, and automatic progress from confirmed attendance and fulfilled wishes.
 *
 * Stored status: draft → submitted → returned (member edits, submits again) / approved (公示) →
 * fulfilled / partly / unfulfilled (year-end review). The shown phase adds, for an approved
 * pledge, `public` (nothing done yet), `in_progress`, and `due` (deadline passed or target reached:
 * waiting for the review). Time-derived phases are never stored, so they cannot go stale.
 */

export type PledgeStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'fulfilled' | 'partly' | 'unfulfilled';
export type PledgePhase = Exclude<PledgeStatus, 'approved'> | 'public' | 'in_progress' | 'due';
export type PledgeOutcome = 'fulfilled' | 'partly' | 'unfulfilled';

/** What counts toward a target. `manual`: evidence records the member adds (e.g. 提建议 3 条). */
export type PledgeTarget =
  | { kind: 'tasks'; count: number; category: string | null }
  | { kind: 'hours'; hours: number; category: string | null }
  | { kind: 'wishes'; count: number }
  | { kind: 'manual'; count: number; unit: string };

export const OUTCOMES: readonly PledgeOutcome[] = ['fulfilled', 'partly', 'unfulfilled'];

export function isReviewed(status: PledgeStatus): boolean {
  return status === 'fulfilled' || status === 'partly' || status === 'unfulfilled';
}

/** The member may change the text only before approval. */
export function memberCanEdit(status: PledgeStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Counted against the yearly limit: everything but a deleted draft (drafts count: they are pledges in the making). */
export function countsTowardLimit(status: PledgeStatus): boolean {
  return status !== 'draft';
}

/** Evidence may be added while the pledge is public and not yet judged. */
export function canAddEvidence(status: PledgeStatus): boolean {
  return status === 'approved';
}

/** Year-end review: an approved pledge whose deadline has passed, or earlier when the target is reached. */
export function canReview(status: PledgeStatus, deadline: Date, percent: number, now: Date): boolean {
  return status === 'approved' && (now.getTime() >= deadline.getTime() || percent >= 100);
}

export function phaseOf(status: PledgeStatus, deadline: Date, percent: number, now: Date): PledgePhase {
  if (status !== 'approved') return status;
  if (now.getTime() >= deadline.getTime() || percent >= 100) return 'due';
  return percent > 0 ? 'in_progress' : 'public';
}

/** A target a person can check: a number above zero, within sane bounds. Chinese message or null. */
export function checkTarget(t: PledgeTarget): string | null {
  const n = t.kind === 'hours' ? t.hours : t.count;
  if (!Number.isInteger(n) || n < 1) return '目标须是大于 0 的整数';
  if (t.kind === 'hours' && n > 500) return '服务时长目标不能超过 500 小时';
  if (t.kind !== 'hours' && n > 100) return '目标次数不能超过 100';
  return null;
}

/** The deadline lies within the pledge's year (China time) and after now. */
export function checkDeadline(deadline: Date, year: number, now: Date): string | null {
  if (Number.isNaN(deadline.getTime())) return '截止时间格式不正确';
  if (deadline.getTime() <= now.getTime()) return '截止时间须晚于现在';
  const cn = new Date(deadline.getTime() + 8 * 3_600_000).getUTCFullYear();
  if (cn !== year) return `截止时间须在 ${year} 年内`;
  return null;
}

/** Readable target: 「参加 6 次环境整治」「服务 20 小时」「实现 2 个微心愿」「3 条」. */
export function describeTarget(t: PledgeTarget, categoryLabel: (c: string) => string = (c) => c): string {
  switch (t.kind) {
    case 'tasks':
      return `参加 ${t.count} 次${t.category ? categoryLabel(t.category) : '志愿服务'}`;
    case 'hours':
      return `${t.category ? `${categoryLabel(t.category)}服务` : '志愿服务'} ${t.hours} 小时`;
    case 'wishes':
      return `实现 ${t.count} 个微心愿`;
    case 'manual':
      return `完成 ${t.count} ${t.unit || '次'}`;
  }
}

// ---------- automatic progress ----------

/** A confirmed service of the member (a task they attended) or a confirmed wish they fulfilled. */
export interface ProgressEvent {
  /** `task:<taskId>` or `wish:<wishId>`: the same event is never counted twice */
  id: string;
  kind: 'task' | 'wish';
  at: Date;
  category: string | null;
  minutes: number;
}

export interface PledgeForProgress {
  id: string;
  status: PledgeStatus;
  target: PledgeTarget;
  /** events from this moment on count (a pledge is about what comes after it is made) */
  since: Date;
  deadline: Date;
  createdAt: Date;
  /** evidence records the member added (count toward `manual` targets) */
  evidenceCount: number;
}

export interface Progress {
  /** in the target's unit: times, hours (one decimal), wishes, records */
  done: number;
  goal: number;
  /** 0–100, whole numbers */
  percent: number;
  /** events counted for this pledge */
  events: string[];
}

function matches(p: PledgeForProgress, e: ProgressEvent): boolean {
  if (e.at.getTime() < p.since.getTime() || e.at.getTime() > p.deadline.getTime()) return false;
  switch (p.target.kind) {
    case 'tasks':
    case 'hours':
      return e.kind === 'task' && (!p.target.category || p.target.category === e.category) && (p.target.kind === 'tasks' || e.minutes > 0);
    case 'wishes':
      return e.kind === 'wish';
    case 'manual':
      return false;
  }
}

function goalOf(t: PledgeTarget): number {
  return t.kind === 'hours' ? t.hours * 60 : t.count;
}

/**
 * Progress of each of one member's pledges. Each event counts for at most one pledge: events in
 * time order go to the oldest matching pledge that still needs them (then to the oldest matching
 * one), so the same attendance never fills two pledges. Returned pledges, drafts and reviewed ones
 * keep no events; reviewed pledges use the snapshot stored at review time instead.
 */
export function progressOf(pledges: PledgeForProgress[], events: ProgressEvent[]): Map<string, Progress> {
  const live = pledges.filter((p) => p.status === 'approved' || p.status === 'submitted').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const filled = new Map<string, number>(live.map((p) => [p.id, 0]));
  const counted = new Map<string, string[]>(live.map((p) => [p.id, []]));
  const seen = new Set<string>();
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id))) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const candidates = live.filter((p) => matches(p, e));
    const p = candidates.find((c) => filled.get(c.id)! < goalOf(c.target)) ?? candidates[0];
    if (!p) continue;
    filled.set(p.id, filled.get(p.id)! + (p.target.kind === 'hours' ? e.minutes : 1));
    counted.get(p.id)!.push(e.id);
  }
  const out = new Map<string, Progress>();
  for (const p of pledges) {
    const goal = goalOf(p.target);
    const raw = p.target.kind === 'manual' ? p.evidenceCount : filled.get(p.id) ?? 0;
    const percent = goal > 0 ? Math.min(100, Math.floor((raw * 100) / goal)) : 0;
    const done = p.target.kind === 'hours' ? Math.floor(raw / 6) / 10 : raw;
    out.set(p.id, { done, goal: p.target.kind === 'hours' ? p.target.hours : goal, percent, events: counted.get(p.id) ?? [] });
  }
  return out;
}

// ---------- 评诺: self and residents (the organisation's judgement is the review) ----------

export type PledgeRating = 'good' | 'fair' | 'poor';
export const RATINGS: readonly PledgeRating[] = ['good', 'fair', 'poor'];
export type RatingTally = Record<PledgeRating, number>;
export const noRatings = (): RatingTally => ({ good: 0, fair: 0, poor: 0 });

/** The member's own account (自评) is written when the pledge is due for review, before the judgement. */
export function canSelfEvaluate(status: PledgeStatus, deadline: Date, percent: number, now: Date): boolean {
  return phaseOf(status, deadline, percent, now) === 'due';
}

/**
 * Residents (群众评, anyone but the member) rate a pledge once it is due for review or judged — a
 * rating of what was kept, not of a promise. One rating per person and pledge.
 */
export function canRate(status: PledgeStatus, deadline: Date, percent: number, now: Date, rater: string, owner: string): 'ok' | 'own' | 'early' {
  if (rater === owner) return 'own';
  const phase = phaseOf(status, deadline, percent, now);
  return phase === 'due' || isReviewed(status) ? 'ok' : 'early';
}

// ---------- reminders ----------

export type PledgeReminder = 'mid' | 'due';

/**
 * Which reminder an approved pledge is owed now: mid-year (from 1 July China time, for pledges of
 * that year made before it), and one month before the deadline. Each is sent once (`sent`).
 */
export function reminderDue(
  p: { status: PledgeStatus; year: number; deadline: Date; createdAt: Date; percent: number },
  sent: PledgeReminder[],
  now: Date,
): PledgeReminder | null {
  if (p.status !== 'approved' || p.percent >= 100) return null;
  if (now.getTime() >= p.deadline.getTime()) return null;
  const monthBefore = p.deadline.getTime() - 30 * 86_400_000;
  if (!sent.includes('due') && now.getTime() >= monthBefore) return 'due';
  const midYear = Date.UTC(p.year, 6, 1) - 8 * 3_600_000;
  if (!sent.includes('mid') && !sent.includes('due') && now.getTime() >= midYear && p.createdAt.getTime() < midYear) return 'mid';
  return null;
}
