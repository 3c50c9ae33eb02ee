import { z } from 'zod';
import { action, pageInput, pageOf, type FunctionContract } from './envelope';

/**
 * Contract of the `notify` cloud function. It delivers the outbox on its timer (no actions for
 * that); the actions here are the admin's 群发 (a notice to the inbox of every member reported to a
 * community) and its log. Feature error codes: BROADCAST_LIMIT.
 */
export const NotifyErrors = {
  BROADCAST_LIMIT: '今天的群发次数已用完，请明天再发',
} as const;

/** 群发 per community and China-time day. */
export const BROADCASTS_PER_DAY = 3;

export const broadcastInput = z.object({
  communityId: z.string().min(1).max(64).describe('社区'),
  title: z.string().trim().min(2, '标题至少 2 个字').max(40, '标题不超过 40 个字').describe('标题'),
  body: z.string().trim().min(2, '内容至少 2 个字').max(500, '内容不超过 500 个字').describe('内容'),
  /** the client's id of this send: a double tap or retry sends once */
  requestId: z.string().min(8).max(64).describe('请求编号'),
});
export type BroadcastInput = z.input<typeof broadcastInput>;

export const broadcastItem = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  recipients: z.number().int(),
  sentBy: z.string(),
  createdAt: z.string(),
});
export type BroadcastItem = z.infer<typeof broadcastItem>;

export const notifyContract = {
  broadcast: action(broadcastInput, z.object({ id: z.string(), recipients: z.number().int(), remainingToday: z.number().int() })),
  broadcasts: action(pageInput.extend({ communityId: z.string().min(1).max(64) }), pageOf(broadcastItem).extend({ remainingToday: z.number().int() })),
} satisfies FunctionContract;
