/** Member side: task lists (my community / nearby), one task, my signups, my service history. */
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { taskContract } from '../../core/contracts/task';
import { dayStart } from '../../core/domain/hours';
import { signupOpen } from '../../core/domain/taskRules';
import type { Ctx } from '../_lib/router';
import { getAll, getDoc, loadSignup, loadTask, normSignup, normTask, pageWithTotal, signupId, type SignupDoc, type TaskDoc } from './store';
import { getRecords, pageOf } from '../_lib/query';
import { loadMember, waitPosition } from './signups';
import { followsRoster, repairSignup } from './roster';
import { mayManage } from './access';
import { detailOf, summaryOf } from './views';
import { fail } from '../../core/contracts/errors';

type C = typeof taskContract;
const DAY = 24 * 3_600_000;

async function mySignupsFor(ctx: Ctx, taskIds: string[]): Promise<Map<string, SignupDoc>> {
  if (taskIds.length === 0) return new Map();
  const ids = taskIds.map((id) => signupId(id, ctx.openid));
  const list = await getAll<SignupDoc>(ctx, 'signups', { _id: ctx.db.command.in(ids) });
  return new Map(list.map((s) => [s.taskId, normSignup(s)]));
}

export async function listTasks(input: ParsedInputOf<C, 'listTasks'>, ctx: Ctx) {
  const cmd = ctx.db.command;
  const member = await loadMember(ctx, ctx.openid);
  const communityId = member?.communityId ?? null;
  const empty = { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  const where: Record<string, unknown> = { status: 'published' };
  if (input.scope === 'community') {
    if (!communityId) return empty; // not reported anywhere yet: the page suggests reporting first
    where.communityId = communityId;
  } else {
    where.audience = 'anyone';
    if (communityId) {
      const org = await getDoc<{ path?: string[] }>(ctx, 'orgs', communityId);
      const streetId = org?.path?.[1];
      if (streetId) where.streetId = streetId;
      where.communityId = cmd.neq(communityId);
    }
  }
  if (input.category) where.category = input.category;
  if (input.date) {
    const from = dayStart(input.date);
    where.startAt = cmd.lt(new Date(from.getTime() + DAY));
    where.endAt = cmd.gt(from);
  } else {
    where.endAt = cmd.gt(ctx.now);
  }
  const coll = ctx.db.collection('tasks');
  // the list shows no description: leave it out of the (up to 100) documents read for the total
  const page = await pageWithTotal<unknown>(coll.where(where).orderBy('startAt', 'asc').field({ description: false }), coll.where(where), input.page, input.pageSize);
  const tasks = page.items.map(normTask);
  // the member's place on each task is on its roster; only tasks from before rosters read their signups
  const mine = await mySignupsFor(ctx, tasks.filter((t) => !t.roster).map((t) => t._id));
  const summary = (t: TaskDoc) => (t.roster ? summaryOf(t, ctx.now, null, t.roster[ctx.openid] ?? null) : summaryOf(t, ctx.now, mine.get(t._id) ?? null));
  return { ...page, items: tasks.map(summary) };
}

/**
 * One task in 3 round trips: the task, the caller's grants, and then the member's signup when the
 * roster holds them (its sign-in times) or the member when not (may they sign up). A waitlist
 * place comes from the roster. A roster entry whose signup document is missing (a signup that
 * died between its two writes) gets its document written here.
 */
export async function getTask(input: ParsedInputOf<C, 'getTask'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.id);
  const manage = await mayManage(ctx, t);
  if (t.status === 'draft' && !manage) fail('TASK_NOT_FOUND', '未找到该任务，可能尚未发布');
  const entry = t.roster?.[ctx.openid] ?? null;
  let mine = t.roster && !entry ? null : await loadSignup(ctx, t._id, ctx.openid);
  if (entry && !followsRoster(mine, entry)) {
    const who = await loadMember(ctx, ctx.openid);
    if (who) mine = await repairSignup(ctx, t, entry, mine, who);
  }
  // who may sign up matters only while sign-up is open to someone not signed up yet: read the member then only
  const asks = signupOpen(t, ctx.now) && !(mine && (mine.status === 'signed' || mine.status === 'waitlisted'));
  const member = asks ? await loadMember(ctx, ctx.openid) : null;
  const eligible = !!member?.name && (t.audience === 'anyone' || member.communityId === t.communityId);
  const task = detailOf(t, ctx.now, mine, manage, eligible);
  if (task.mine && mine?.status === 'waitlisted') task.mine.position = await waitPosition(ctx, t, mine.seq);
  return { task };
}

export async function myTasks(input: ParsedInputOf<C, 'myTasks'>, ctx: Ctx) {
  const cmd = ctx.db.command;
  const where = { openid: ctx.openid, status: cmd.in(['signed', 'waitlisted']), confirmed: false };
  const coll = ctx.db.collection('signups');
  const page = await pageOf<unknown>(coll.where(where).orderBy('createdAt', 'desc'), coll.where(where), input.page, input.pageSize);
  const signups = page.items.map(normSignup);
  const byId = await getRecords(ctx, 'tasks', signups.map((s) => s.taskId));
  const items = signups.filter((s) => byId.has(s.taskId)).map((s) => summaryOf(byId.get(s.taskId)!, ctx.now, s));
  return { ...page, items };
}

export async function history(input: ParsedInputOf<C, 'history'>, ctx: Ctx) {
  const where = { openid: ctx.openid, confirmed: true };
  const coll = ctx.db.collection('signups');
  const [page, all] = await Promise.all([
    pageOf<unknown>(coll.where(where).orderBy('confirmedAt', 'desc'), coll.where(where), input.page, input.pageSize),
    getAll<{ minutes: number | null }>(ctx, 'signups', where, undefined, 5000),
  ]);
  const signups = page.items.map(normSignup);
  const byId = await getRecords(ctx, 'tasks', signups.map((s) => s.taskId));
  const items = signups.filter((s) => byId.has(s.taskId)).map((s) => {
    const t = byId.get(s.taskId)!;
    return {
      taskId: t._id, title: t.title, communityName: t.communityName ?? '', category: t.category,
      startAt: t.startAt.toISOString(), endAt: t.endAt.toISOString(),
      signInAt: s.signInAt ? s.signInAt.toISOString() : null, signOutAt: s.signOutAt ? s.signOutAt.toISOString() : null,
      minutes: s.minutes ?? 0, noshow: !!s.noshow,
    };
  });
  return { ...page, items, totalMinutes: all.reduce((a, s) => a + (s.minutes ?? 0), 0) };
}
