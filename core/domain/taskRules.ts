/**
 * When a task allows what. Pure: callers pass the task's times and "now".
 * Status vs phase: `status` is stored (draft / published / finished / cancelled); `phase` adds the
 * time-derived in_progress (start ≤ now < end) and ended (after end, attendance not yet confirmed).
 */
/** Stored task status (core/contracts/task.ts's taskStatus is the wire form of the same list). */
export type TaskStatus = 'draft' | 'published' | 'finished' | 'cancelled';
/** Shown phase: the status with a published task's time-derived part. */
export type TaskPhase = TaskStatus | 'in_progress' | 'ended';

export const SIGN_IN_OPENS_BEFORE_MS = 30 * 60_000;
/** after the end a member may still sign out for a while (late sign-out; minutes are clipped anyway) */
export const SIGN_OUT_GRACE_MS = 60 * 60_000;

export interface TaskTimes {
  status: TaskStatus;
  startAt: Date;
  endAt: Date;
  signupDeadline: Date;
}

export function phaseOf(task: TaskTimes, now: Date): TaskPhase {
  if (task.status !== 'published') return task.status;
  if (now.getTime() < task.startAt.getTime()) return 'published';
  if (now.getTime() < task.endAt.getTime()) return 'in_progress';
  return 'ended';
}

export function signInOpensAt(task: Pick<TaskTimes, 'startAt'>): Date {
  return new Date(task.startAt.getTime() - SIGN_IN_OPENS_BEFORE_MS);
}

/** Sign-in: from 30 min before the start until the end (inclusive at both edges). */
export function signInOpen(task: TaskTimes, now: Date): boolean {
  return task.status === 'published' && now.getTime() >= signInOpensAt(task).getTime() && now.getTime() <= task.endAt.getTime();
}

export function signOutOpen(task: TaskTimes, now: Date): boolean {
  return task.status === 'published' && now.getTime() <= task.endAt.getTime() + SIGN_OUT_GRACE_MS;
}

/** Signup and cancellation: published and before the signup deadline. */
export function signupOpen(task: TaskTimes, now: Date): boolean {
  return task.status === 'published' && now.getTime() <= task.signupDeadline.getTime();
}

export function overlaps(a: { startAt: Date; endAt: Date }, b: { startAt: Date; endAt: Date }): boolean {
  return a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime();
}

/** Checks of a task's times; returns a Chinese message, or null when fine. */
export function checkTaskTimes(t: { startAt: Date; endAt: Date; signupDeadline: Date }): string | null {
  if (t.endAt.getTime() <= t.startAt.getTime()) return '结束时间须晚于开始时间';
  if (t.endAt.getTime() - t.startAt.getTime() > 7 * 24 * 3_600_000) return '单个任务最长 7 天，请拆分';
  if (t.signupDeadline.getTime() > t.startAt.getTime()) return '报名截止时间不能晚于开始时间';
  return null;
}
