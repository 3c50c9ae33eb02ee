/**
 * Reading and writing task documents: dates, transactions with retry, and the shapes stored in
 * `tasks` and `signups`. Keeps the action files about decisions, not SDK details.
 */
import { fail } from '../../core/contracts/errors';
import type { Ctx } from '../_lib/router';
import type { SignupStatus, TaskAudience, TaskCategory, TaskPlace, TaskStatus } from '../../core/contracts/task';
import { getDoc, getAll } from '../_lib/query';

export interface TaskDoc {
  _id: string;
  communityId: string;
  communityName: string;
  streetId: string | null;
  districtId: string | null;
  title: string;
  description: string;
  category: TaskCategory;
  startAt: Date;
  endAt: Date;
  place: TaskPlace;
  slots: number;
  signupDeadline: Date;
  ruleId: string | null;
  skills: string[];
  audience: TaskAudience;
  source: { kind: 'need' | 'project'; id: string } | null;
  status: TaskStatus;
  cancelReason: string | null;
  /** counters kept in the same transaction as the signup documents */
  signed: number;
  waitlisted: number;
  nextSeq: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

export interface SignupDoc {
  _id: string;
  taskId: string;
  openid: string;
  communityId: string;
  name: string;
  phone: string;
  status: SignupStatus;
  /** first come first served: order of signup on this task */
  seq: number;
  signInAt: Date | null;
  signOutAt: Date | null;
  byAdmin: boolean;
  /** confirmed minutes after the daily cap, per China-time day */
  minutes: number | null;
  minutesByDay: Record<string, number>;
  days: string[];
  confirmed: boolean;
  confirmedAt: Date | null;
  noshow: boolean;
  awarded: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const signupId = (taskId: string, openid: string) => `${taskId}:${openid}`;

/** Stored dates come back as Date from the SDK; be tolerant of strings and `{ $date }`. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') return new Date(v);
  if (v && typeof v === 'object' && '$date' in (v as object)) return new Date((v as { $date: string | number }).$date);
  return new Date(NaN);
}
export const toDateOrNull = (v: unknown): Date | null => (v == null ? null : toDate(v));
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

const TASK_DATES = ['startAt', 'endAt', 'signupDeadline', 'createdAt', 'updatedAt', 'publishedAt', 'confirmedAt'] as const;
const SIGNUP_DATES = ['signInAt', 'signOutAt', 'confirmedAt', 'createdAt', 'updatedAt'] as const;

export function normTask(raw: unknown): TaskDoc {
  const t = { ...(raw as TaskDoc) };
  for (const k of TASK_DATES) (t as unknown as Record<string, unknown>)[k] = toDateOrNull((raw as Record<string, unknown>)[k]);
  return t;
}
export function normSignup(raw: unknown): SignupDoc {
  const s = { ...(raw as SignupDoc) };
  for (const k of SIGNUP_DATES) (s as unknown as Record<string, unknown>)[k] = toDateOrNull((raw as Record<string, unknown>)[k]);
  s.minutesByDay = s.minutesByDay ?? {};
  s.days = s.days ?? [];
  return s;
}

export { getDoc, getAll };

export async function loadTask(ctx: Pick<Ctx, 'db'>, id: string): Promise<TaskDoc> {
  const raw = await getDoc<TaskDoc>(ctx, 'tasks', id);
  if (!raw) fail('TASK_NOT_FOUND', '未找到该任务，可能已被删除');
  return normTask(raw);
}

export async function loadSignup(ctx: Pick<Ctx, 'db'>, taskId: string, openid: string): Promise<SignupDoc | null> {
  const raw = await getDoc<SignupDoc>(ctx, 'signups', signupId(taskId, openid));
  return raw ? normSignup(raw) : null;
}

// transactions live in functions/_lib/tx.ts (shared with the idempotency helper)
export { transact, txGet, txSet, txUpdate, type Tx, type TxDoc } from '../_lib/tx';

/** Ids that never contain '.' or ':' (the sign-in code and signup ids use those as separators). */
export function newId(prefix: string, now: Date): string {
  return `${prefix}${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export function maskPhone(phone: string | undefined | null): string {
  if (!phone) return '';
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

export async function audit(ctx: Ctx, entry: { action: string; subjectId: string; targetOpenid?: string; reason: string; detail?: object }) {
  await ctx.db.collection('auditLog').add({
    data: { actor: ctx.openid, action: entry.action, subjectId: entry.subjectId, targetOpenid: entry.targetOpenid ?? null, reason: entry.reason, detail: entry.detail ?? {}, createdAt: ctx.now },
  });
}
