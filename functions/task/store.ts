/**
 * Reading and writing task documents: dates, transactions with retry, and the shapes stored in
 * `tasks` and `signups`. Keeps the action files about decisions, not SDK details.
 */
import { fail } from '../../core/contracts/errors';
import { parseRecord, type SignupRecord, type TaskRecord } from '../../core/db/records';
import { iso, toDate as dateOrNull } from '../../core/domain/dates';
import type { Ctx } from '../_lib/router';
import { countOf, getDoc, getAll, getRecord, PAGE_MAX, rows } from '../_lib/query';

export type TaskDoc = TaskRecord;
export type SignupDoc = SignupRecord;

export const signupId = (taskId: string, openid: string) => `${taskId}:${openid}`;

export { iso };
/** A stored date as Date (Invalid Date when there is none): for callers that need a Date. */
export const toDate = (v: unknown): Date => dateOrNull(v) ?? new Date(NaN);
export const toDateOrNull = dateOrNull;
export const normTask = (raw: unknown): TaskDoc => parseRecord('tasks', raw);
export const normSignup = (raw: unknown): SignupDoc => parseRecord('signups', raw);

export { getDoc, getAll };

export async function loadTask(ctx: Pick<Ctx, 'db'>, id: string): Promise<TaskDoc> {
  const t = await getRecord(ctx, 'tasks', id);
  if (!t) fail('TASK_NOT_FOUND', '未找到该任务，可能已被删除');
  return t;
}

export async function loadSignup(ctx: Pick<Ctx, 'db'>, taskId: string, openid: string): Promise<SignupDoc | null> {
  return getRecord(ctx, 'signups', signupId(taskId, openid));
}

// transactions: the one helper of functions/_lib/tx.ts
export { transact, txGet, txSet, txUpdate, type Tx } from '../_lib/tx';

/** Ids that never contain '.' or ':' (the sign-in code and signup ids use those as separators). */
export function newId(prefix: string, now: Date): string {
  return `${prefix}${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export { maskPhone } from '../../core/domain/mask';

export async function audit(ctx: Ctx, entry: { action: string; subjectId: string; targetOpenid?: string; reason: string; detail?: object }) {
  await ctx.db.collection('auditLog').add({
    data: {
      actor: ctx.openid, action: entry.action, subjectId: entry.subjectId, targetOpenid: entry.targetOpenid ?? null, reason: entry.reason,
      detail: entry.detail ?? {}, createdAt: ctx.now,
    },
  });
}

interface Gettable { get(): unknown }
interface Ordered { skip(n: number): { limit(n: number): Gettable } }

/**
 * One page of an ordered query and the exact total, in ONE round trip when the matches from the
 * page's start on are fewer than PAGE_MAX (the usual case for a community's open tasks): it reads
 * that tail, answers the page from its head and the total as `skip + tail`. Only a longer tail
 * costs a count.
 */
export async function pageWithTotal<T>(ordered: Ordered, counter: { count(): unknown }, page: number, pageSize: number) {
  const skip = (page - 1) * pageSize;
  const tail = await rows<T>(ordered.skip(skip).limit(Math.max(pageSize, PAGE_MAX)));
  const total = tail.length < Math.max(pageSize, PAGE_MAX) ? skip + tail.length : await countOf(counter);
  return { items: tail.slice(0, pageSize), total, page, pageSize };
}
