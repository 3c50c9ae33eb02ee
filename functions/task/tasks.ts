/** Admin side of tasks: create/edit (draft or published), publish, cancel, list. */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { TaskDetail, taskContract } from '../../core/contracts/task';
import { checkTaskTimes } from '../../core/domain/taskRules';
import { placeOfCommunity, requireAdmin, requireCommunityAdmin } from '../_lib/auth';
import { requireTaskAdmin } from './access';
import type { Ctx } from '../_lib/router';
import { activeSignups, notifyAll, taskLink } from './notices';
import { newSecret } from './secret';
import { promoteWaitlist } from './signups';
import { once } from '../_lib/once';
import { pageOf } from '../_lib/query';
import { assertSafeText } from '../_lib/content';
import { getDoc, loadSignup, loadTask, newId, normTask, transact, txGet, txSet, txUpdate, type TaskDoc } from './store';
import { detailOf, summaryOf } from './views';

type C = typeof taskContract;

export async function adminDetail(ctx: Ctx, t: TaskDoc): Promise<TaskDetail> {
  return detailOf(t, ctx.now, await loadSignup(ctx, t._id, ctx.openid), true, false);
}

export async function listAdminTasks(input: ParsedInputOf<C, 'listAdminTasks'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId, ...(input.status ? { status: input.status } : {}) };
  const coll = ctx.db.collection('tasks');
  const page = await pageOf<unknown>(coll.where(where).orderBy('startAt', 'desc'), coll.where(where), input.page, input.pageSize);
  return { ...page, items: page.items.map((d) => summaryOf(normTask(d), ctx.now, null)) };
}

async function checkSource(ctx: Ctx, communityId: string, source: { kind: 'need' | 'project'; id: string } | null) {
  if (!source) return;
  const doc = await getDoc<{ communityId: string }>(ctx, source.kind === 'need' ? 'needs' : 'projects', source.id);
  if (!doc || doc.communityId !== communityId) fail('SOURCE_NOT_FOUND', source.kind === 'need' ? '所选需求不存在或不属于本社区' : '所选项目不存在或不属于本社区');
}

export async function saveTask(input: ParsedInputOf<C, 'saveTask'>, ctx: Ctx) {
  const times = { startAt: new Date(input.startAt), endAt: new Date(input.endAt), signupDeadline: new Date(input.signupDeadline) };
  const problem = checkTaskTimes(times);
  if (problem) fail('INVALID_TIME', problem);
  // members read the task's texts (scene 3)
  await assertSafeText(ctx.openid, { 任务名称: input.title, 任务说明: input.description, 地点: input.place.name }, 3);
  const fields = {
    title: input.title, description: input.description, category: input.category, ...times,
    place: input.place, slots: input.slots, ruleId: input.ruleId, skills: input.skills, audience: input.audience, source: input.source,
    updatedAt: ctx.now,
  };

  if (!input.id) {
    const place = await placeOfCommunity(ctx, input.communityId);
    await requireAdmin(ctx, 'community', place);
    await checkSource(ctx, input.communityId, input.source);
    const org = await getDoc<{ name: string }>(ctx, 'orgs', input.communityId);
    // a double tap of 保存 / 保存并发布 creates one draft (functions/_lib/once.ts)
    const { answer } = await once(ctx, 'task', input.requestId, async (tx) => {
      const id = newId('t', ctx.now);
      const doc: TaskDoc = {
        _id: id, communityId: input.communityId, communityName: org?.name ?? '', streetId: place.streetId ?? null, districtId: place.districtId ?? null,
        ...fields, status: 'draft', cancelReason: null, signed: 0, waitlisted: 0, nextSeq: 1, roster: {},
        createdBy: ctx.openid, createdAt: ctx.now, publishedAt: null, confirmedAt: null, confirmedBy: null,
      };
      await txSet(tx, 'tasks', id, doc);
      return { id, answer: { task: await adminDetail(ctx, doc), notified: 0 } };
    });
    return answer;
  }

  const old = await loadTask(ctx, input.id);
  await requireTaskAdmin(ctx, old);
  if (old.communityId !== input.communityId) fail('VALIDATION_FAILED', '任务不能改到其他社区');
  if (old.status === 'cancelled' || old.status === 'finished') fail('TASK_LOCKED', '已取消或已结束的任务不能修改');
  await checkSource(ctx, old.communityId, input.source);
  // slots are checked against the live counter in the same transaction as the edit
  await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', old._id);
    if (!cur) fail('TASK_NOT_FOUND', '未找到该任务');
    if (fields.slots < (cur.signed ?? 0)) fail('SLOTS_BELOW_SIGNED', `已有 ${cur.signed} 人报名，招募人数不能少于此数`);
    await txUpdate(tx, 'tasks', old._id, fields);
  });
  const task = await loadTask(ctx, old._id);
  let notified = 0;
  if (task.status === 'published') {
    if (task.slots > old.slots) await promoteWaitlist(ctx, task._id);
    const members = await activeSignups(ctx, task._id);
    notified = await notifyAll(ctx, `task-change:${task._id}:${ctx.now.getTime()}`, members.map((s) => s.openid), {
      title: `任务有变更：${task.title}`.slice(0, 40),
      body: `您报名的任务「${task.title}」信息已更新，请查看最新的时间和地点。`,
      link: taskLink(task._id),
    }, { title: task.title, startAt: task.startAt, note: '时间地点等信息有更新' });
  }
  return { task: await adminDetail(ctx, await loadTask(ctx, task._id)), notified };
}

export async function publish(input: ParsedInputOf<C, 'publish'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.id);
  await requireTaskAdmin(ctx, t);
  if (t.status !== 'draft') fail('TASK_NOT_DRAFT', '只有草稿可以发布');
  if (t.endAt.getTime() <= ctx.now.getTime()) fail('TASK_IN_PAST', '任务结束时间已过，请先修改时间');
  // the sign-in code's secret is written with the publication (secret.ts)
  await ctx.db.collection('tasks').doc(t._id).update({ data: { status: 'published', publishedAt: ctx.now, updatedAt: ctx.now, ...(t.codeSecret ? {} : { codeSecret: newSecret() }) } });
  return { task: await adminDetail(ctx, await loadTask(ctx, t._id)) };
}

export async function cancel(input: ParsedInputOf<C, 'cancel'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.id);
  await requireTaskAdmin(ctx, t);
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (t.status === 'finished') fail('TASK_LOCKED', '已结束的任务不能取消');
  await ctx.db.collection('tasks').doc(t._id).update({ data: { status: 'cancelled', cancelReason: input.reason, updatedAt: ctx.now } });
  const members = t.status === 'published' ? await activeSignups(ctx, t._id) : [];
  const notified = await notifyAll(ctx, `task-cancel:${t._id}`, members.map((s) => s.openid), {
    title: `任务已取消：${t.title}`.slice(0, 40),
    body: `您报名的任务「${t.title}」已取消。原因：${input.reason}`,
    link: taskLink(t._id),
    // members must not set out for a task called off tonight or tomorrow morning: no quiet hours
    urgent: t.startAt.getTime() - ctx.now.getTime() < 12 * 3_600_000,
  }, { title: t.title, startAt: t.startAt, note: `已取消：${input.reason}` });
  return { task: await adminDetail(ctx, await loadTask(ctx, t._id)), notified };
}
