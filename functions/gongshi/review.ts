/**
 * 复核: the community admin's queue of hand-made credits (手工录入) and the second approver's
 * decision. The rules (not the maker, not the member, once) live in functions/_shared/review.ts.
 */
import type { OutputOf, ParsedInputOf } from '../../core/contracts/envelope';
import type { gongshiContract, ReviewViewDto } from '../../core/contracts/gongshi';
import { toDate } from '../../core/domain/dates';
import { requireCommunityAdmin } from '../_lib/auth';
import { findPage, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { decideReview, type ReviewDoc } from '../_shared/review';

type C = typeof gongshiContract;

const isoOrNull = (d: unknown) => (toDate(d) ? toDate(d)!.toISOString() : null);

function reviewView(r: ReviewDoc, me: string, names: Map<string, { name?: string }>): ReviewViewDto {
  return {
    id: r._id, kind: r.kind, name: r.name, title: r.title, amount: r.amount, minutes: r.minutes ?? 0,
    makerName: r.makerName || names.get(r.maker)?.name || '管理员', mine: r.maker === me, reason: r.reason ?? null, status: r.status,
    decidedByName: r.decidedBy ? names.get(r.decidedBy)?.name || '管理员' : null, decidedAt: isoOrNull(r.decidedAt),
    decisionReason: r.decisionReason ?? null, at: isoOrNull(r.at) ?? new Date(0).toISOString(), createdAt: isoOrNull(r.createdAt) ?? new Date(0).toISOString(),
  };
}

/** admins' names (makers, deciders) from their member documents */
async function namesOf(ctx: Ctx, list: ReviewDoc[]) {
  return getMany<{ _id: string; name?: string }>(ctx, 'members', [...new Set(list.flatMap((r) => [r.maker, r.decidedBy ?? '']).filter(Boolean))]);
}

export async function reviews(input: ParsedInputOf<C, 'reviews'>, ctx: Ctx): Promise<OutputOf<C, 'reviews'>> {
  await requireCommunityAdmin(ctx, input.communityId);
  const { page, pageSize } = input;
  const where = { communityId: input.communityId, status: input.status };
  const res = await findPage(ctx, 'reviews', where, { orderBy: ['createdAt', 'desc'], page, pageSize });
  const names = await namesOf(ctx, res.items);
  return { items: res.items.map((r) => reviewView(r, ctx.openid, names)), total: res.total, page, pageSize };
}

export async function review(input: ParsedInputOf<C, 'review'>, ctx: Ctx): Promise<OutputOf<C, 'review'>> {
  const decision = { reviewId: input.reviewId, decision: input.decision, reason: input.reason, actor: ctx.openid, requestId: input.requestId };
  const { review: doc } = await decideReview(ctx, decision, async (r) => { await requireCommunityAdmin(ctx, r.communityId); });
  return { review: reviewView(doc, ctx.openid, await namesOf(ctx, [doc])) };
}
