/**
 * What the notify timer prepares each tick, from the state of the data and the clock it is given
 * (never `new Date()`): every notice carries a key from its cause, so a tick that runs twice, or
 * after a restart, prepares nothing twice.
 */
import { chinaHour, chinaTime, chinaToday, quietUntil } from '../../core/domain/notify';
import { chinaDay } from '../../core/domain/report';
import type { Database } from '../_lib/cloud';
import { enqueue, enqueueAll, type Notice, type OutboxDoc } from '../_lib/outbox';
import { getAll } from '../_lib/query';
import { toDate } from './store';

const HOUR = 3_600_000;
/** Members are reminded this long before a task starts. */
export const REMIND_BEFORE_MS = 2 * HOUR;
/** Admins are nudged to confirm attendance for tasks that ended within this window. */
const NUDGE_WINDOW_MS = 3 * 24 * HOUR;
/** The digest goes out at 09:00 China time. */
export const DIGEST_HOUR = 9;

interface TaskLite { _id: string; communityId: string; title: string; startAt: Date; endAt: Date; place?: { name?: string } | null; status: string }

const taskLink = (id: string) => `/pages/task-detail/index?id=${id}`;

/** Reminds every signed member of a published task starting within the next 2 hours (once). */
export async function taskReminders(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const tasks = await getAll<TaskLite>(db, 'tasks', { status: 'published', startAt: _.gt(now).and(_.lte(new Date(now.getTime() + REMIND_BEFORE_MS))) }, ['startAt', 'asc'], 200);
  let n = 0;
  for (const t of tasks) {
    const startAt = toDate(t.startAt);
    const signed = await getAll<{ openid: string }>(db, 'signups', { taskId: t._id, status: 'signed' }, undefined, 1000);
    // a reminder that quiet hours would hold past the start is no reminder: it goes at once
    const quietEnd = quietUntil(now);
    const urgent = !!quietEnd && quietEnd.getTime() >= startAt.getTime() - 30 * 60_000;
    const place = t.place?.name ?? '';
    n += await enqueueAll(signed.map((s): Notice => ({
      key: `task-reminder:${t._id}:${s.openid}`,
      openid: s.openid,
      kind: 'task',
      title: `任务提醒：${t.title}`,
      body: `您报名的「${t.title}」将于 ${chinaTime(startAt)} 开始${place ? `，地点：${place}` : ''}。请按时到场签到。`,
      link: taskLink(t._id),
      urgent,
      values: { template: 'taskReminder', task: t.title, time: chinaTime(startAt), place: place || '见任务详情' },
    })), { db, now });
  }
  return n;
}

/** Nudges the community's admins to confirm attendance once a task has ended (once per task). */
export async function confirmNudges(db: Database, now: Date): Promise<number> {
  const _ = db.command;
  const tasks = await getAll<TaskLite>(db, 'tasks', { status: 'published', endAt: _.lte(now).and(_.gt(new Date(now.getTime() - NUDGE_WINDOW_MS))) }, ['endAt', 'asc'], 200);
  let n = 0;
  for (const t of tasks) {
    const admins = await getAll<{ openid: string }>(db, 'admins', { role: 'community', scopeId: t.communityId }, undefined, 50);
    n += await enqueueAll(admins.map((a): Notice => ({
      key: `task-confirm:${t._id}:${a.openid}`,
      openid: a.openid,
      kind: 'task',
      title: `请确认考勤：${t.title}`,
      body: `任务「${t.title}」已于 ${chinaTime(toDate(t.endAt))} 结束，请核对签到签退并确认考勤，成员的服务时长和积分随之入账。`,
      link: `/admin-community/task-attendance/index?id=${t._id}`,
      values: { task: t.title, time: chinaTime(toDate(t.endAt)), note: '请确认考勤' },
    })), { db, now });
  }
  return n;
}

/**
 * The daily digest: from 09:00 China time, every member with digest notices from before 09:00
 * gets ONE inbox message listing them; the notices are then marked `digested`. The digest's own
 * key (`digest:<day>:<openid>`) makes a repeated or resumed run a no-op.
 */
export async function digests(db: Database, now: Date): Promise<number> {
  if (chinaHour(now) < DIGEST_HOUR) return 0;
  const cutoff = chinaToday(now, DIGEST_HOUR);
  const _ = db.command;
  const waiting = await getAll<OutboxDoc>(db, 'outbox', { status: 'digest', createdAt: _.lt(cutoff) }, ['createdAt', 'asc'], 1000);
  const byMember = new Map<string, OutboxDoc[]>();
  for (const o of waiting) byMember.set(o.openid, [...(byMember.get(o.openid) ?? []), o]);
  const day = chinaDay(now);
  for (const [openid, items] of byMember) {
    const lines = items.slice(0, 20).map((o, i) => `${i + 1}. ${o.title}`);
    if (items.length > 20) lines.push(`……等共 ${items.length} 项`);
    await enqueue({
      key: `digest:${day}:${openid}`,
      openid,
      kind: 'digest',
      title: `今日待办：${items.length} 项等您处理`,
      body: lines.join('\n'),
      link: items.every((o) => o.link === items[0].link) ? items[0].link : '/pages/inbox/index',
      values: { count: String(items.length), time: chinaTime(now), title: `今日待办 ${items.length} 项` },
    }, { db, now });
    const ids = items.map((o) => o._id);
    for (let i = 0; i < ids.length; i += 100) {
      await db.collection('outbox').where({ _id: _.in(ids.slice(i, i + 100)), status: 'digest' }).update({ data: { status: 'digested', reason: `digest:${day}:${openid}`, updatedAt: now } });
    }
  }
  return byMember.size;
}
