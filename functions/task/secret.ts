/**
 * Per-task MAC secrets for the rotating sign-in code. Server only: the secret lives in
 * `taskSecrets/{taskId}` (no client access) and never leaves the function.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { macMessage } from '../../core/domain/signinCode';
import type { Ctx } from '../_lib/router';
import { getDoc } from './store';

export async function secretOf(ctx: Pick<Ctx, 'db' | 'now'>, taskId: string, create: boolean): Promise<string | null> {
  const doc = await getDoc<{ secret: string }>(ctx, 'taskSecrets', taskId);
  if (doc) return doc.secret;
  if (!create) return null;
  try {
    await ctx.db.collection('taskSecrets').add({ data: { _id: taskId, secret: randomBytes(32).toString('hex'), createdAt: ctx.now } });
  } catch {
    // another call created it first (duplicate _id): use theirs
  }
  const again = await getDoc<{ secret: string }>(ctx, 'taskSecrets', taskId);
  return again?.secret ?? null;
}

export function macWith(secret: string) {
  return (taskId: string, step: number) => createHmac('sha256', secret).update(macMessage(taskId, step)).digest('hex');
}
