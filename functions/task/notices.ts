/** Tells members about changes to a task they signed up for (in-app inbox). */
import { notify, push } from '../_shared/inbox';
import type { Ctx } from '../_lib/router';
import { getAll, type SignupDoc } from './store';

export async function activeSignups(ctx: Pick<Ctx, 'db'>, taskId: string): Promise<SignupDoc[]> {
  const cmd = ctx.db.command;
  return getAll<SignupDoc>(ctx, 'signups', { taskId, status: cmd.in(['signed', 'waitlisted']) }, ['seq', 'asc']);
}

/** Template "task changed / cancelled" of this deployment (function env), if configured. */
export const changeTemplate = () => process.env.SUBSCRIBE_TPL_TASK_CHANGE || undefined;

const pad = (n: number) => String(n).padStart(2, '0');
function chinaTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/**
 * What a subscribe message says when a task changes: thing1 task (≤ 20 chars), time2 start,
 * thing3 what changed (≤ 20 chars). Only members who consented at signup receive one.
 */
export interface ChangePush { taskId: string; title: string; startAt: Date; note: string }

export async function notifyAll(ctx: Ctx, openids: string[], message: { title: string; body: string; link: string }, change?: ChangePush): Promise<number> {
  let sent = 0;
  for (const openid of openids) {
    try {
      await notify(ctx, openid, { kind: 'task', ...message });
      if (change) {
        await push(ctx, openid, {
          templateId: changeTemplate(),
          page: `pages/task-detail/index?id=${change.taskId}`,
          data: { thing1: { value: change.title.slice(0, 20) }, time2: { value: chinaTime(change.startAt) }, thing3: { value: change.note.slice(0, 20) } },
        });
      }
      sent++;
    } catch (err) {
      // a failed notice must not undo the change the admin made; it is logged for follow-up
      console.error('[task] notify failed', openid, err);
    }
  }
  return sent;
}

export const taskLink = (taskId: string) => `/pages/task-detail/index?id=${taskId}`;
