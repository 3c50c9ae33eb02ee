/** Tells members about changes to a task they signed up for: enqueued to the outbox, `notify` delivers. */
import { chinaTime } from '../../core/domain/notify';
import { enqueueAll } from '../_lib/outbox';
import type { Ctx } from '../_lib/router';
import { getAll, type SignupDoc } from './store';

export async function activeSignups(ctx: Pick<Ctx, 'db'>, taskId: string): Promise<SignupDoc[]> {
  const cmd = ctx.db.command;
  return getAll<SignupDoc>(ctx, 'signups', { taskId, status: cmd.in(['signed', 'waitlisted']) }, ['seq', 'asc']);
}

/** Template "task changed / cancelled" of this deployment (function env), if configured. */
export const changeTemplate = () => process.env.SUBSCRIBE_TPL_TASK_CHANGE || undefined;

/**
 * What the subscribe message says (template `taskChange`): thing1 task (≤ 20 chars), time2 start,
 * thing3 what changed (≤ 20 chars). Only members with a consent left receive one.
 */
export interface ChangePush { title: string; startAt: Date; note: string }

/**
 * One notice per member, keyed `${cause}:${openid}` (`cause` names the event, e.g.
 * `task-cancel:<taskId>`), so a retried action notifies nobody twice. Returns how many members.
 * A failed enqueue must not undo the change the admin made: it is logged for follow-up.
 */
export interface ChangeMessage { title: string; body: string; link: string; urgent?: boolean }

export async function notifyAll(ctx: Ctx, cause: string, openids: string[], message: ChangeMessage, change: ChangePush): Promise<number> {
  try {
    return await enqueueAll(openids.map((openid) => ({
      key: `${cause}:${openid}`,
      openid,
      kind: 'task',
      ...message,
      values: { template: 'taskChange', task: change.title, time: chinaTime(change.startAt), note: change.note },
    })), { db: ctx.db, now: ctx.now });
  } catch (err) {
    console.error('[task] notify failed', cause, err);
    return 0;
  }
}

export const taskLink = (taskId: string) => `/pages/task-detail/index?id=${taskId}`;
