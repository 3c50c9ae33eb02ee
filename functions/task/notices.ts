/** Tells members about changes to a task they signed up for (in-app inbox). */
import { notify } from '../_shared/inbox';
import type { Ctx } from '../_lib/router';
import { getAll, type SignupDoc } from './store';

export async function activeSignups(ctx: Pick<Ctx, 'db'>, taskId: string): Promise<SignupDoc[]> {
  const cmd = ctx.db.command;
  return getAll<SignupDoc>(ctx, 'signups', { taskId, status: cmd.in(['signed', 'waitlisted']) }, ['seq', 'asc']);
}

export async function notifyAll(ctx: Ctx, openids: string[], message: { title: string; body: string; link: string }): Promise<number> {
  let sent = 0;
  for (const openid of openids) {
    try {
      await notify(ctx, openid, { kind: 'task', ...message });
      sent++;
    } catch (err) {
      // a failed notice must not undo the change the admin made; it is logged for follow-up
      console.error('[task] notify failed', openid, err);
    }
  }
  return sent;
}

export const taskLink = (taskId: string) => `/pages/task-detail/index?id=${taskId}`;
