/**
 * Per-task MAC secrets for the rotating sign-in code. Server only: the secret lives on the task
 * document (`codeSecret`, written when the task is published; `tasks` has no client access and every
 * answer is built field by field in views.ts, never from the raw document), so a sign-in reads one
 * document. Tasks published before that keep theirs in `taskSecrets/{taskId}`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { macMessage } from '../../core/domain/signinCode';
import { getDoc, getRecord, updateWhere } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { TaskDoc } from './store';

export const newSecret = () => randomBytes(32).toString('hex');

/** The task's secret; with `create`, one is made when it has none (only the first of racing calls writes it). */
export async function secretOf(ctx: Pick<Ctx, 'db' | 'now'>, t: TaskDoc, create: boolean): Promise<string | null> {
  if (t.codeSecret) return t.codeSecret;
  const old = await getDoc<{ secret: string }>(ctx, 'taskSecrets', t._id);
  if (old) return old.secret;
  if (!create) return null;
  const secret = newSecret();
  if ((await updateWhere(ctx, 'tasks', { _id: t._id, codeSecret: ctx.db.command.exists(false) }, { codeSecret: secret })) === 1) return secret;
  return (await getRecord(ctx, 'tasks', t._id))?.codeSecret ?? null;
}

export function macWith(secret: string) {
  return (taskId: string, step: number) => createHmac('sha256', secret).update(macMessage(taskId, step)).digest('hex');
}
