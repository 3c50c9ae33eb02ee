/**
 * Signups with capacity and a first-come-first-served waitlist.
 *
 * Correct under concurrent calls: the task document holds the counters (`signed`, `waitlisted`,
 * `nextSeq`) and every change of a signup's status happens in ONE transaction with the counter
 * change, using single-document operations only. A promotion re-reads the candidate inside its
 * transaction, so two concurrent promoters can never promote the same member twice, and the
 * `signed < slots` check in the same transaction means no overbooking.
 */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { taskContract } from '../../core/contracts/task';
import { overlaps, signupOpen } from '../../core/domain/taskRules';
import type { Ctx } from '../_lib/router';
import { count, getRecord, recordRows } from '../_lib/query';
import { notifyAll, taskLink } from './notices';
import { audit, getAll, getDoc, loadTask, maskPhone, normTask, signupId, transact, txGet, txSet, txUpdate, type SignupDoc, type TaskDoc } from './store';
import { requireTaskAdmin } from './access';

type C = typeof taskContract;

export interface MemberDoc { _id: string; name?: string; phone?: string; communityId?: string | null; unitId?: string | null }

export async function loadMember(ctx: Pick<Ctx, 'db'>, openid: string): Promise<MemberDoc | null> {
  return getDoc<MemberDoc>(ctx, 'members', openid);
}

function freshSignup(t: TaskDoc, openid: string, member: MemberDoc, status: 'signed' | 'waitlisted', seq: number, now: Date): SignupDoc {
  return {
    _id: signupId(t._id, openid), taskId: t._id, openid, communityId: t.communityId, name: member.name ?? '', phone: member.phone ?? '',
    status, seq, signInAt: null, signOutAt: null, byAdmin: false, minutes: null, minutesByDay: {}, days: [],
    confirmed: false, confirmedAt: null, noshow: false, awarded: false, createdAt: now, updatedAt: now,
  };
}

/** 1-based place in the waitlist. */
export async function waitPosition(ctx: Pick<Ctx, 'db'>, taskId: string, seq: number): Promise<number> {
  return (await count(ctx, 'signups', { taskId, status: 'waitlisted', seq: ctx.db.command.lt(seq) })) + 1;
}

/**
 * Fill free slots from the waitlist, earliest signup first. Safe to call any time, from many
 * calls at once. Returns the openids promoted by this call.
 */
export async function promoteWaitlist(ctx: Ctx, taskId: string, justRead?: TaskDoc): Promise<string[]> {
  const promoted: string[] = [];
  for (let guard = 0; guard < 200; guard++) {
    // the caller's fresh read serves the first look (a signup's usual case: no waitlist, nothing to read)
    const t = guard === 0 && justRead ? justRead : await getRecord(ctx, 'tasks', taskId);
    if (!t) break;
    if (t.status !== 'published' || (t.signed ?? 0) >= t.slots || (t.waitlisted ?? 0) <= 0) break;
    const [candidate] = await recordRows('signups', ctx.db.collection('signups').where({ taskId, status: 'waitlisted' }).orderBy('seq', 'asc').limit(1));
    if (!candidate) break;
    const outcome = await transact(ctx, async (tx) => {
      const cur = await txGet(tx, 'tasks', taskId);
      if (!cur || (cur.signed ?? 0) >= cur.slots) return 'full' as const;
      const s = await txGet(tx, 'signups', candidate._id);
      if (!s || s.status !== 'waitlisted') return 'moved' as const; // someone else promoted or it was cancelled: look again
      await txUpdate(tx, 'signups', candidate._id, { status: 'signed', updatedAt: ctx.now });
      await txUpdate(tx, 'tasks', taskId, { signed: (cur.signed ?? 0) + 1, waitlisted: Math.max(0, (cur.waitlisted ?? 0) - 1) });
      return 'promoted' as const;
    });
    if (outcome === 'full') break;
    if (outcome === 'promoted') promoted.push(candidate.openid);
  }
  if (promoted.length) {
    const t = await loadTask(ctx, taskId);
    await notifyAll(ctx, `task-promoted:${taskId}:${ctx.now.getTime()}`, promoted, { title: `候补成功：${t.title}`.slice(0, 40), body: `有人取消报名，您已从候补转为正式报名「${t.title}」，请按时参加。`, link: taskLink(taskId) }, { title: t.title, startAt: t.startAt, note: '候补已转为正式报名' });
  }
  return promoted;
}

async function overlapping(ctx: Ctx, t: TaskDoc, openid: string): Promise<string[]> {
  const cmd = ctx.db.command;
  const mine = await getAll<SignupDoc>(ctx, 'signups', { openid, status: cmd.in(['signed', 'waitlisted']) }, undefined, 300);
  const ids = mine.map((s) => s.taskId).filter((id) => id !== t._id);
  if (ids.length === 0) return [];
  const tasks = (await getAll<TaskDoc>(ctx, 'tasks', { _id: cmd.in(ids), status: 'published' })).map(normTask);
  return tasks.filter((o) => overlaps(o, t)).map((o) => o.title);
}

export async function signup(input: ParsedInputOf<C, 'signup'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (t.status !== 'published') fail('TASK_NOT_OPEN', '该任务未在报名中');
  if (!signupOpen(t, ctx.now)) fail('SIGNUP_CLOSED', '报名已截止');
  const member = await loadMember(ctx, ctx.openid);
  if (!member || !member.name) fail('PROFILE_INCOMPLETE', '请先完善个人信息再报名');
  if (t.audience === 'community' && member.communityId !== t.communityId) fail('NOT_IN_COMMUNITY', `该任务仅限向「${t.communityName}」报到的党员报名`);

  // free slots go to the waitlist before any newcomer
  await promoteWaitlist(ctx, t._id, t);
  const overlapTitles = await overlapping(ctx, t, ctx.openid);

  const id = signupId(t._id, ctx.openid);
  const result = await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', t._id);
    if (!cur) fail('TASK_NOT_FOUND', '未找到该任务');
    const prior = await txGet(tx, 'signups', id);
    if (prior && prior.status !== 'cancelled') fail('ALREADY_SIGNED_UP', prior.status === 'signed' ? '您已报名该任务' : '您已在候补名单中');
    const signed = cur.signed ?? 0;
    const waitlisted = cur.waitlisted ?? 0;
    const seq = cur.nextSeq ?? 1;
    const status = signed < cur.slots && waitlisted === 0 ? ('signed' as const) : ('waitlisted' as const);
    await txSet(tx, 'signups', id, freshSignup(normTask(cur), ctx.openid, member, status, seq, ctx.now));
    await txUpdate(tx, 'tasks', t._id, { nextSeq: seq + 1, ...(status === 'signed' ? { signed: signed + 1 } : { waitlisted: waitlisted + 1 }) });
    return { status, seq };
  });
  const position = result.status === 'waitlisted' ? await waitPosition(ctx, t._id, result.seq) : null;
  return { status: result.status, position, overlap: overlapTitles.length > 0, overlapTitles };
}

export async function cancelSignup(input: ParsedInputOf<C, 'cancelSignup'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  if (t.status !== 'published') fail('TASK_NOT_OPEN', '该任务未在报名中');
  if (!signupOpen(t, ctx.now)) fail('CANCEL_CLOSED', '已过报名截止时间，不能取消报名；如有特殊情况请联系社区');
  const id = signupId(t._id, ctx.openid);
  await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', t._id);
    const s = await txGet(tx, 'signups', id);
    if (!cur || !s || s.status === 'cancelled') fail('NOT_SIGNED_UP', '您没有报名该任务');
    if (s.signInAt) fail('ALREADY_SIGNED_IN', '您已签到，不能取消报名');
    await txUpdate(tx, 'signups', id, { status: 'cancelled', updatedAt: ctx.now });
    await txUpdate(tx, 'tasks', t._id, s.status === 'signed' ? { signed: Math.max(0, (cur.signed ?? 0) - 1) } : { waitlisted: Math.max(0, (cur.waitlisted ?? 0) - 1) });
  });
  const promoted = await promoteWaitlist(ctx, t._id);
  return { status: 'cancelled' as const, promoted: promoted.length };
}

/**
 * Make sure `openid` holds a signed place (admin action): creates or revives the signup, or
 * promotes a waitlisted one, ignoring capacity. Returns the signup after the change.
 */
export async function ensureSigned(ctx: Ctx, t: TaskDoc, member: MemberDoc, patch: Partial<SignupDoc> = {}): Promise<SignupDoc> {
  const id = signupId(t._id, member._id);
  return transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', t._id);
    if (!cur) fail('TASK_NOT_FOUND', '未找到该任务');
    const s = await txGet(tx, 'signups', id);
    if (s && s.confirmed) fail('ALREADY_CONFIRMED', '该成员的考勤已确认，不能再修改');
    if (s && s.status === 'signed') {
      await txUpdate(tx, 'signups', id, { ...patch, updatedAt: ctx.now });
      return { ...s, ...patch } as SignupDoc;
    }
    const seq = cur.nextSeq ?? 1;
    const counters = { signed: (cur.signed ?? 0) + 1, nextSeq: seq + 1, ...(s?.status === 'waitlisted' ? { waitlisted: Math.max(0, (cur.waitlisted ?? 0) - 1) } : {}) };
    const doc = { ...freshSignup(normTask(cur), member._id, member, 'signed', seq, ctx.now), byAdmin: true, ...patch };
    await txSet(tx, 'signups', id, doc);
    await txUpdate(tx, 'tasks', t._id, counters);
    return doc;
  });
}

export async function addMember(input: ParsedInputOf<C, 'addMember'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  if (t.status !== 'published') fail('TASK_NOT_OPEN', '只能为已发布的任务添加成员');
  const member = await loadMember(ctx, input.openid);
  if (!member) fail('MEMBER_NOT_FOUND', '未找到该党员');
  const prior = await getDoc<SignupDoc>(ctx, 'signups', signupId(t._id, input.openid));
  if (prior?.status === 'signed') fail('ALREADY_SIGNED_UP', '该党员已报名');
  await ensureSigned(ctx, t, member);
  await audit(ctx, { action: 'task.addMember', subjectId: t._id, targetOpenid: input.openid, reason: input.reason });
  await notifyAll(ctx, `task-added:${t._id}:${ctx.now.getTime()}`, [input.openid], { title: `社区为您报名：${t.title}`.slice(0, 40), body: `社区管理员已为您报名任务「${t.title}」，请按时参加。`, link: taskLink(t._id) }, { title: t.title, startAt: t.startAt, note: '社区管理员已为您报名' });
  return { status: 'signed' as const };
}

export async function candidates(input: ParsedInputOf<C, 'candidates'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  // members already signed up or waitlisted are not candidates
  const taken = await getAll<{ openid: string }>(ctx, 'signups', { taskId: t._id, status: ctx.db.command.in(['signed', 'waitlisted']) }, undefined, 2000);
  const where: Record<string, unknown> = { communityId: t.communityId };
  if (taken.length) where._id = ctx.db.command.nin(taken.map((s) => s.openid));
  if (input.keyword) where.name = ctx.db.RegExp({ regexp: input.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
  const found = await recordRows('members', ctx.db.collection('members').where(where).limit(20));
  return { items: found.map((m) => ({ openid: m._id, name: m.name ?? '', phone: maskPhone(m.phone) })) };
}
