/**
 * Daily timer over live claims: a reminder after 7 days without progress (once per quiet spell),
 * automatic release after 14 days — the wish returns to the wall and the members are told.
 */
import { claimTimer } from '../../core/domain/wish';
import { enqueueAll } from '../_lib/outbox';
import { getAll } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { releaseClaim } from './member';
import { normWish, type WishDoc } from './store';

export async function runWishTimers(ctx: Omit<Ctx, 'openid'>): Promise<{ reminded: number; released: number }> {
  const docs = (await getAll<WishDoc>(ctx, 'wishes', { status: 'claimed' }, ['updatedAt', 'asc'], 5000)).map(normWish);
  let reminded = 0;
  let released = 0;
  for (const w of docs) {
    const c = w.claim;
    if (!c) continue;
    const due = claimTimer(c, ctx.now);
    const link = `/wish/detail/index?id=${w._id}`;
    if (due === 'release') {
      if (await releaseClaim(ctx, w._id, c.id, '超过 14 天无进展，自动释放')) {
        released++;
        await enqueueAll(c.members.map((openid) => ({ key: `wish-auto-released:${c.id}:${openid}`, openid, kind: 'wish', title: '心愿认领已自动释放', body: `「${w.title}」认领后 14 天没有进展，已重新放回心愿墙。`, link })), { db: ctx.db, now: ctx.now });
      }
    } else if (due === 'remind') {
      // the notice first (idempotent by key), then the mark: a run that dies in between repeats, never loses it
      await enqueueAll(c.members.map((openid) => ({ key: `wish-remind:${c.id}:${c.lastProgressAt.getTime()}:${openid}`, openid, kind: 'wish', title: '心愿认领进展提醒', body: `您认领的「${w.title}」已 7 天没有进展，请尽快联系社区送达，或在心愿详情里报告进展；14 天无进展将自动释放。`, link })), { db: ctx.db, now: ctx.now });
      await ctx.db.collection('wishes').doc(w._id).update({ data: { claim: { ...c, remindedAt: ctx.now } } });
      reminded++;
    }
  }
  return { reminded, released };
}
