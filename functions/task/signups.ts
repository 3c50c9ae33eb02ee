/**
 * Signups with capacity and a first-come-first-served waitlist.
 *
 * Correct under concurrent calls: the task document holds the roster (who is signed or waiting,
 * functions/task/roster.ts), its counts (`signed`, `waitlisted`) and the version `nextSeq`; every
 * change of the roster bumps `nextSeq` in the same single-document write. A signup is ONE
 * conditional update of the task (`where({ _id, nextSeq })`) and then its signup document; cancel,
 * promotion and the admin's additions change the task and the signup in one transaction. A writer
 * that read an older task matches nothing (or conflicts) and decides again, so there is no
 * overbooking and the waitlist keeps its order.
 */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { taskContract } from '../../core/contracts/task';
import { overlaps, signupOpen } from '../../core/domain/taskRules';
import type { Ctx } from '../_lib/router';
import { count, getRecord, recordRows } from '../_lib/query';
import { notifyAll, taskLink } from './notices';
import { audit, getAll, getDoc, loadSignup, loadTask, maskPhone, normTask, signupId, transact, txGet, txSet, txUpdate, type SignupDoc, type TaskDoc } from './store';
import { requireTaskAdmin } from './access';
import {
  casRoster, countsOf, firstWaiting, followsRoster, freshSignup, positionIn, repairSignup, rosterOf, rosterPatch, safeKey, writeSignup,
  type Roster, type RosterEntry,
} from './roster';

type C = typeof taskContract;

export interface MemberDoc { _id: string; name?: string; phone?: string; communityId?: string | null; unitId?: string | null }

export async function loadMember(ctx: Pick<Ctx, 'db'>, openid: string): Promise<MemberDoc | null> {
  return getDoc<MemberDoc>(ctx, 'members', openid);
}

/** 1-based place in the waitlist (a task without a roster counts its signups). */
export async function waitPosition(ctx: Pick<Ctx, 'db'>, t: TaskDoc, seq: number): Promise<number> {
  if (t.roster) return positionIn(t.roster, seq);
  return (await count(ctx, 'signups', { taskId: t._id, status: 'waitlisted', seq: ctx.db.command.lt(seq) })) + 1;
}

/** The task fields a transaction writes with a roster change (a task without a roster keeps its counters as before). */
function changed(ctx: Ctx, cur: TaskDoc, edit: (r: Roster) => void, counters: Partial<TaskDoc>): Record<string, unknown> {
  if (!cur.roster) return { ...counters, nextSeq: cur.nextSeq + 1 };
  const next = { ...cur.roster };
  edit(next);
  return rosterPatch(ctx, cur, next);
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
    const next = t.roster ? firstWaiting(t.roster)
      : (await recordRows('signups', ctx.db.collection('signups').where({ taskId, status: 'waitlisted' }).orderBy('seq', 'asc').limit(1)))[0]?.openid;
    if (!next) break;
    const id = signupId(taskId, next);
    const outcome = await transact(ctx, async (tx) => {
      const cur = await txGet(tx, 'tasks', taskId);
      if (!cur || (cur.signed ?? 0) >= cur.slots) return 'full' as const;
      const s = await txGet(tx, 'signups', id);
      const entry = cur.roster?.[next];
      // someone else promoted or it was cancelled: look again
      if (cur.roster ? entry?.status !== 'waitlisted' : !s || s.status !== 'waitlisted') return 'moved' as const;
      if (s) await txUpdate(tx, 'signups', id, { status: 'signed', updatedAt: ctx.now });
      else await txSet(tx, 'signups', id, freshSignup(cur, { _id: next }, 'signed', entry!.seq, ctx.now)); // its signup write never happened
      const counters = { signed: (cur.signed ?? 0) + 1, waitlisted: Math.max(0, (cur.waitlisted ?? 0) - 1) };
      await txUpdate(tx, 'tasks' as string, taskId, changed(ctx, cur, (r) => { r[next] = { ...r[next], status: 'signed' }; }, counters));
      return 'promoted' as const;
    });
    if (outcome === 'full') break;
    if (outcome === 'promoted') promoted.push(next);
  }
  if (promoted.length) {
    const t = await loadTask(ctx, taskId);
    await notifyAll(ctx, `task-promoted:${taskId}:${ctx.now.getTime()}`, promoted, { title: `候补成功：${t.title}`.slice(0, 40), body: `有人取消报名，您已从候补转为正式报名「${t.title}」，请按时参加。`, link: taskLink(taskId) }, { title: t.title, startAt: t.startAt, note: '候补已转为正式报名' });
  }
  return promoted;
}

/**
 * The task and, in the same query, the member's other upcoming tasks (their rosters hold the
 * member): one round trip for the task and the overlap warning.
 */
async function taskAndMine(ctx: Ctx, taskId: string): Promise<{ t: TaskDoc; others: TaskDoc[] }> {
  const _ = ctx.db.command;
  const mine = { [`roster.${ctx.openid}.status`]: _.in(['signed', 'waitlisted']), status: 'published', endAt: _.gt(ctx.now) };
  const query = safeKey(ctx.openid) ? _.or([{ _id: taskId }, mine]) : { _id: taskId };
  const found = (await getAll<unknown>(ctx, 'tasks', query, undefined, 100)).map(normTask);
  // a member in 100 other upcoming tasks could crowd the task itself out of the one page: read it then
  const t = found.find((x) => x._id === taskId) ?? (found.length >= 100 ? await loadTask(ctx, taskId) : null);
  if (!t) fail('TASK_NOT_FOUND', '未找到该任务，可能已被删除');
  return { t, others: found.filter((x) => x._id !== taskId) };
}

function checkOpen(t: TaskDoc, now: Date) {
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (t.status !== 'published') fail('TASK_NOT_OPEN', '该任务未在报名中');
  if (!signupOpen(t, now)) fail('SIGNUP_CLOSED', '报名已截止');
}

/**
 * Sign up in 4 round trips: the task with the member's other tasks, and the member (read
 * together); ONE conditional write of the task's roster; the signup document. A lost race reads
 * the task again. If the process dies between the two writes, the roster holds the member and
 * the signup document is missing: the retry (same requestId: the same answer; otherwise
 * ALREADY_SIGNED_UP) or the next read of it (roster.ts) writes the document.
 */
export async function signup(input: ParsedInputOf<C, 'signup'>, ctx: Ctx) {
  const [{ t: first, others }, member] = await Promise.all([taskAndMine(ctx, input.taskId), loadMember(ctx, ctx.openid)]);
  checkOpen(first, ctx.now);
  if (!member || !member.name) fail('PROFILE_INCOMPLETE', '请先完善个人信息再报名');
  if (first.audience === 'community' && member.communityId !== first.communityId) fail('NOT_IN_COMMUNITY', `该任务仅限向「${first.communityName}」报到的党员报名`);
  const overlapTitles = others.filter((o) => overlaps(o, first)).map((o) => o.title);
  const answer = (r: Roster, e: RosterEntry) => ({ status: e.status, position: e.status === 'waitlisted' ? positionIn(r, e.seq) : null, overlap: overlapTitles.length > 0, overlapTitles });

  let t = first;
  let promoted = false;
  for (let attempt = 0; attempt < 100; attempt++) {
    const roster = await rosterOf(ctx, t);
    const prior = roster[ctx.openid];
    if (prior) {
      const s = await repairSignup(ctx, t, prior, await loadSignup(ctx, t._id, ctx.openid), member);
      if (input.requestId && prior.rid === input.requestId) return answer(roster, prior); // a retry of this very signup
      fail('ALREADY_SIGNED_UP', s.status === 'signed' ? '您已报名该任务' : '您已在候补名单中');
    }
    const { signed, waitlisted } = countsOf(roster);
    if (signed < t.slots && waitlisted > 0 && !promoted) {
      promoted = true; // free slots go to the waitlist before any newcomer (slots were raised)
      await promoteWaitlist(ctx, t._id, t);
    } else {
      const status = signed < t.slots && waitlisted === 0 ? 'signed' : 'waitlisted';
      const entry: RosterEntry = { status, seq: t.nextSeq, ...(input.requestId ? { rid: input.requestId } : {}) };
      const next = { ...roster, [ctx.openid]: entry };
      if (await casRoster(ctx, t, next)) {
        await writeSignup(ctx, freshSignup(t, member, entry.status, entry.seq, ctx.now));
        return answer(next, entry);
      }
    }
    // another writer won: after a short random pause (the crowd spreads out), decide again on what it wrote
    await new Promise((r) => setTimeout(r, Math.random() * 4 * Math.min(attempt + 1, 10)));
    t = await loadTask(ctx, t._id);
    checkOpen(t, ctx.now);
  }
  fail('CONFLICT', '报名的人太多，请稍后重试');
}

export async function cancelSignup(input: ParsedInputOf<C, 'cancelSignup'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  if (t.status !== 'published') fail('TASK_NOT_OPEN', '该任务未在报名中');
  if (!signupOpen(t, ctx.now)) fail('CANCEL_CLOSED', '已过报名截止时间，不能取消报名；如有特殊情况请联系社区');
  const id = signupId(t._id, ctx.openid);
  await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', t._id);
    const s = await txGet(tx, 'signups', id);
    if (!cur) fail('NOT_SIGNED_UP', '您没有报名该任务');
    // the roster is the truth where there is one (its signup document may be missing after a crash)
    const entry = cur.roster ? cur.roster[ctx.openid] : s && s.status !== 'cancelled' ? { status: s.status as 'signed' | 'waitlisted', seq: s.seq } : undefined;
    if (!entry) fail('NOT_SIGNED_UP', '您没有报名该任务');
    const doc = followsRoster(s, entry) ? s : null;
    if (doc?.signInAt) fail('ALREADY_SIGNED_IN', '您已签到，不能取消报名');
    if (doc) await txUpdate(tx, 'signups', id, { status: 'cancelled', updatedAt: ctx.now });
    else await txSet(tx, 'signups', id, { ...freshSignup(cur, { _id: ctx.openid, name: s?.name, phone: s?.phone }, 'signed', entry.seq, ctx.now), status: 'cancelled' });
    const counters = entry.status === 'signed' ? { signed: Math.max(0, (cur.signed ?? 0) - 1) } : { waitlisted: Math.max(0, (cur.waitlisted ?? 0) - 1) };
    await txUpdate(tx, 'tasks' as string, t._id, changed(ctx, cur, (r) => { delete r[ctx.openid]; }, counters));
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
    const entry = cur.roster?.[member._id];
    if (s && s.status === 'signed' && (!cur.roster || (entry && followsRoster(s, entry)))) {
      await txUpdate(tx, 'signups', id, { ...patch, updatedAt: ctx.now });
      return { ...s, ...patch } as SignupDoc;
    }
    const seq = cur.nextSeq;
    const waited = cur.roster ? entry?.status === 'waitlisted' : s?.status === 'waitlisted';
    const counters = { signed: (cur.signed ?? 0) + 1, ...(waited ? { waitlisted: Math.max(0, (cur.waitlisted ?? 0) - 1) } : {}) };
    const doc = { ...freshSignup(cur, member, 'signed', seq, ctx.now), byAdmin: true, ...patch };
    await txSet(tx, 'signups', id, doc);
    await txUpdate(tx, 'tasks' as string, t._id, changed(ctx, cur, (r) => { r[member._id] = { status: 'signed', seq }; }, counters));
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
