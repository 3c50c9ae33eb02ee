/**
 * Hourly timer: turns new effective credits into spendable points, cancels (and refunds) codes
 * nobody collected before they lapsed, and expires spendable points past their window. Every step
 * is idempotent (derived entry ids, status checked in transactions) and uses the clock it is given.
 */
import { getAll, getAllRecords } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { cancelRedemption } from './member';
import { expireSpendable, syncEarn } from './spendable';

type TimerCtx = Pick<Ctx, 'db' | 'now'>;

export async function runRedeemTimers(ctx: TimerCtx): Promise<{ earned: number; lapsed: number; expired: number; expiredPoints: number }> {
  // members whose balance changed in the last 2 days (the timer runs hourly; the overlap is free)
  const since = new Date(ctx.now.getTime() - 2 * 86_400_000);
  const changed = await getAll<{ openid: string }>(ctx, 'balances', { updatedAt: ctx.db.command.gte(since) }, undefined, 5000);
  let earned = 0;
  for (const openid of new Set(changed.map((b) => b.openid))) earned += await syncEarn(ctx, openid);
  let lapsed = 0;
  const due = await getAllRecords(ctx, 'redemptions', { status: 'open', expiresAt: ctx.db.command.lte(ctx.now) }, ['expiresAt', 'asc'], 1000);
  for (const r of due) {
    try {
      await cancelRedemption(ctx, r._id, 'system', '超过领取期限，自动取消');
      lapsed++;
    } catch {
      // handed over or cancelled meanwhile: nothing to do
    }
  }
  const { expired, points } = await expireSpendable(ctx);
  return { earned, lapsed, expired, expiredPoints: points };
}
