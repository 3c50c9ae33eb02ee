/**
 * 群发: an admin's notice to the inbox of every member reported to a community. Rate-limited per
 * community and China-time day (a counter in the same transaction as the log entry, so two admins
 * sending at once cannot pass the limit), logged in `broadcasts`, idempotent by the client's
 * requestId (a retry resumes an interrupted send: every member's notice has its own key).
 */
import { z } from 'zod';
import { BROADCASTS_PER_DAY, type BroadcastInput } from '../../core/contracts/notify';
import { toDate } from '../../core/domain/dates';
import { fail } from '../../core/contracts/errors';
import { chinaDay } from '../../core/domain/report';
import { requireCommunityAdmin } from '../_lib/auth';
import { enqueueAll } from '../_lib/outbox';
import { checkTexts } from '../_shared/userContent';
import { findPageAs, getAll, getDoc } from '../_lib/query';
import { txSet } from '../_lib/tx';
import type { Ctx } from '../_lib/router';
import { transact, txGet } from './store';

interface BroadcastDoc { _id: string; communityId: string; title: string; body: string; recipients: number; status: 'sending' | 'sent'; sentBy: string; day: string; createdAt: Date }
interface DayDoc { _id: string; count: number }
/** a sent (or sending) broadcast as listed; the collection also holds the per-day counters (`kind: 'day'`) */
const sentSchema = z.object({
  _id: z.string(), title: z.string().default(''), body: z.string().default(''), recipients: z.number().default(0), sentBy: z.string().default(''),
  createdAt: z.preprocess((v) => toDate(v) ?? v, z.date()),
});

const CHUNK = 20;

export async function broadcast(input: BroadcastInput, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const id = `broadcast:${input.communityId}:${input.requestId}`;
  const day = chinaDay(ctx.now);
  const dayId = `day:${input.communityId}:${day}`;
  let doc = await getDoc<BroadcastDoc>(ctx.db, 'broadcasts', id);
  if (!doc) {
    // every member reads it: WeChat's content check before anything is written
    await checkTexts(ctx, { 标题: input.title, 内容: input.body });
    doc = await transact(ctx.db, async (tx) => {
      const again = await txGet<BroadcastDoc>(tx, 'broadcasts', id);
      if (again) return again;
      const counter = await txGet<DayDoc>(tx, 'broadcasts', dayId);
      if ((counter?.count ?? 0) >= BROADCASTS_PER_DAY) fail('BROADCAST_LIMIT', `每个社区每天最多群发 ${BROADCASTS_PER_DAY} 次，今天的次数已用完`);
      await txSet(tx, 'broadcasts', dayId, { kind: 'day', communityId: input.communityId, day, count: (counter?.count ?? 0) + 1, updatedAt: ctx.now });
      const fresh: Omit<BroadcastDoc, '_id'> & { kind: string } = { kind: 'broadcast', communityId: input.communityId, title: input.title, body: input.body, recipients: 0, status: 'sending', sentBy: ctx.openid, day, createdAt: ctx.now };
      await txSet(tx, 'broadcasts', id, fresh);
      return { _id: id, ...fresh };
    });
  }
  if (doc.status !== 'sent') {
    const { title, body } = doc;
    const members = await getAll<{ _id: string }>(ctx.db, 'members', { communityId: input.communityId }, undefined, 5000);
    for (let i = 0; i < members.length; i += CHUNK) {
      await enqueueAll(members.slice(i, i + CHUNK).map((m) => ({
        key: `${id}:${m._id}`, openid: m._id, kind: 'notice', title, body, link: '/pages/inbox/index',
      })), { db: ctx.db, now: ctx.now });
    }
    await ctx.db.collection('broadcasts').doc(id).update({ data: { status: 'sent', recipients: members.length, sentAt: ctx.now } });
    doc = { ...doc, recipients: members.length, status: 'sent' };
  }
  const counter = await getDoc<DayDoc>(ctx.db, 'broadcasts', dayId);
  return { id, recipients: doc.recipients, remainingToday: Math.max(0, BROADCASTS_PER_DAY - (counter?.count ?? 0)) };
}

export async function broadcasts(input: { communityId: string; page: number; pageSize: number }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { kind: 'broadcast', communityId: input.communityId };
  const [res, counter] = await Promise.all([
    findPageAs(ctx, 'broadcasts', sentSchema, where, { orderBy: ['createdAt', 'desc'], page: input.page, pageSize: input.pageSize }),
    getDoc<DayDoc>(ctx.db, 'broadcasts', `day:${input.communityId}:${chinaDay(ctx.now)}`),
  ]);
  return {
    items: res.items.map((b) => ({
      id: b._id, title: b.title, body: b.body, recipients: b.recipients, sentBy: b.sentBy, createdAt: b.createdAt.toISOString(),
    })),
    total: res.total, page: input.page, pageSize: input.pageSize,
    remainingToday: Math.max(0, BROADCASTS_PER_DAY - (counter?.count ?? 0)),
  };
}
