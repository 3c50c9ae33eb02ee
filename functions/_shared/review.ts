/**
 * 复核 — the second approver of hand-made credits (manual attendance 补录, adjustments above the
 * rule's `reviewAbove`). Such a credit is posted as a HELD entry (counts nowhere, not pending for
 * 公示) with a `reviews` document in the same transaction; a second admin of the community — not the
 * one who made it, not the member — approves (the credit is posted, pending: it enters the next 公示)
 * or rejects with a reason (a rejection entry records it). Both through the one ledger write path.
 */
import { fail } from '../../core/contracts/errors';
import { approvalIdOf, approvalOf, heldOf, rejectionIdOf, rejectionOf, type BalancePlace, type LedgerEntry } from '../../core/domain/ledger';
import type { RecordData, RecordOf } from '../../core/db/records';
import { post } from '../_lib/ledger';
import { enqueueAll } from '../_lib/outbox';
import { getAll, getDoc } from '../_lib/query';
import { once, replay } from '../_lib/once';
import { txGet, txSet, txUpdate, type Tx } from '../_lib/tx';
import type { LedgerCtx } from './ledger';

export type ReviewDoc = RecordOf<'reviews'>;
export type ReviewKind = ReviewDoc['kind'];

export const REVIEW_LINK = '/admin-community/review/index';

export interface HoldMeta { kind: ReviewKind; title: string; name: string; makerName?: string }

/** The review document of `entry` held for 复核 (the caller writes it in the held entry's transaction). */
export function reviewDocOf(entry: LedgerEntry, maker: string, meta: HoldMeta, now: Date): RecordData<'reviews'> {
  if (!entry.communityId) fail('NOT_REPORTED', '该党员尚未报到到社区，手工录入的积分无法复核');
  return {
    entryId: entry._id, communityId: entry.communityId, openid: entry.openid, name: meta.name, kind: meta.kind, title: meta.title,
    amount: entry.amount, minutes: entry.minutes, maker, makerName: meta.makerName ?? '', reason: entry.reason ?? null,
    status: 'awaiting', decidedBy: null, decidedAt: null, decisionReason: null, at: entry.at, createdAt: now,
  };
}

/** Posts `entry` held for 复核 and writes its review document (inside the caller's transaction). */
export async function postHeld(tx: Tx, entry: LedgerEntry, maker: string, meta: HoldMeta, place: BalancePlace, opts: { now: Date; balance?: Parameters<typeof post>[3]['balance']; keepPlace?: boolean }): Promise<LedgerEntry> {
  const doc = reviewDocOf(entry, maker, meta, opts.now);
  const held = heldOf(entry, maker);
  await post(tx, [held], place, opts);
  await txSet(tx, 'reviews', held._id, doc);
  return held;
}

/**
 * Who may approve: the community's other admins (not the maker, not the member); when the maker is
 * its only admin, the street's admins. Each is told once per review (outbox key).
 */
export async function notifyApprovers(ctx: LedgerCtx & { now?: Date }, review: Pick<ReviewDoc, '_id' | 'communityId' | 'openid' | 'maker' | 'name' | 'title' | 'amount'>): Promise<number> {
  const others = (list: Array<{ openid: string }>) => [...new Set(list.map((a) => a.openid))].filter((o) => o !== review.maker && o !== review.openid);
  let to = others(await getAll<{ openid: string }>(ctx, 'admins', { role: 'community', scopeId: review.communityId }, undefined, 50));
  if (to.length === 0) {
    const org = await getDoc<{ path?: string[] }>(ctx, 'orgs', review.communityId);
    const streetId = org?.path?.[1];
    if (streetId) to = others(await getAll<{ openid: string }>(ctx, 'admins', { role: 'street', scopeId: streetId }, undefined, 50));
  }
  await enqueueAll(to.map((openid) => ({
    key: `review-wait:${review._id}:${openid}`, openid, kind: 'points', title: '手工录入积分待复核',
    body: `${review.name || '党员'}「${review.title}」${review.amount > 0 ? '+' : ''}${review.amount} 分由其他管理员手工录入，需您复核后才进入公示。`, link: REVIEW_LINK,
  })), { db: ctx.db, now: ctx.now ?? new Date() });
  return to.length;
}

export interface DecideInput { reviewId: string; decision: 'approve' | 'reject'; reason?: string; actor: string; requestId?: string }

/**
 * Approve or reject a held credit, once: the review document is re-read in the transaction (status
 * awaiting) and the decision's ledger id is derived from the held entry, so two admins deciding at
 * once — or a double tap — decide it once; the later call gets ALREADY_REVIEWED.
 * `authorize` runs before anything is written (scope of the caller).
 */
export async function decideReview(
  ctx: LedgerCtx & { now: Date }, input: DecideInput, authorize: (review: ReviewDoc) => Promise<void>,
): Promise<{ review: ReviewDoc; replayed: boolean }> {
  // a double tap (same requestId) answers what the first tap decided
  const earlier = await replay<{ id: string }>({ ...ctx, openid: input.actor }, 'review', input.requestId);
  const review = await getDoc<ReviewDoc>(ctx, 'reviews', earlier?.answer.id ?? input.reviewId);
  if (!review) fail('REVIEW_NOT_FOUND', '未找到该待复核记录');
  await authorize(review);
  if (earlier) return { review, replayed: true };
  if (review.maker === input.actor) fail('SECOND_APPROVER_REQUIRED', '手工录入的积分须由另一位管理员复核，不能复核自己录入的记录');
  if (review.openid === input.actor) fail('FORBIDDEN', '不能复核自己的积分');
  if (review.status !== 'awaiting') fail('ALREADY_REVIEWED', review.status === 'approved' ? '该记录已复核通过' : '该记录已被驳回');
  const reason = input.reason?.trim() ?? '';
  if (input.decision === 'reject' && reason.length < 2) fail('REASON_REQUIRED', '请填写驳回理由');
  const unplaced: BalancePlace = { communityId: null, unitId: null, streetId: null, districtId: null };
  const { answer, replayed } = await once<ReviewDoc>({ ...ctx, openid: input.actor }, 'review', input.requestId, async (tx) => {
    const cur = await txGet(tx, 'reviews', review._id);
    if (!cur || cur.status !== 'awaiting') fail('ALREADY_REVIEWED', cur?.status === 'approved' ? '该记录已复核通过' : '该记录已被驳回');
    const held = await txGet(tx, 'ledger', review.entryId);
    if (!held || held.review !== 'held' || !held.held) fail('ENTRY_NOT_FOUND', '未找到该待复核的积分记录');
    // either decision exists already: decided elsewhere (e.g. a decision written before its review doc was updated)
    if ((await txGet(tx, 'ledger', approvalIdOf(held._id))) || (await txGet(tx, 'ledger', rejectionIdOf(held._id)))) fail('ALREADY_REVIEWED', '该记录已复核');
    const entry = input.decision === 'approve' ? approvalOf(held, input.actor, ctx.now) : rejectionOf(held, input.actor, reason, ctx.now);
    await post(tx, [entry], unplaced, { now: ctx.now, keepPlace: true });
    const patch = { status: input.decision === 'approve' ? 'approved' as const : 'rejected' as const, decidedBy: input.actor, decidedAt: ctx.now, decisionReason: reason || null };
    await txUpdate(tx, 'reviews', review._id, patch);
    return { id: review._id, answer: { ...cur, ...patch } };
  });
  if (replayed) return { review: (await getDoc<ReviewDoc>(ctx, 'reviews', review._id)) ?? answer, replayed };
  await notifyDecision(ctx, answer);
  return { review: answer, replayed };
}

/** The maker and the member are told of the decision (keys: once per review). */
export async function notifyDecision(ctx: LedgerCtx & { now: Date }, r: ReviewDoc): Promise<void> {
  const ok = r.status === 'approved';
  const what = `「${r.title}」${r.amount > 0 ? '+' : ''}${r.amount} 分`;
  await enqueueAll([
    { key: `review-done:${r._id}:member`, openid: r.openid, kind: 'points', title: ok ? '手工录入的积分已复核' : '手工录入的积分未通过复核',
      body: ok ? `${what}已复核通过，将进入下一期公示，期满无异议后生效。` : `${what}未通过复核：${r.decisionReason ?? ''}`, link: '/pages/points/index' },
    { key: `review-done:${r._id}:maker`, openid: r.maker, kind: 'points', title: ok ? '您录入的积分已复核通过' : '您录入的积分被驳回',
      body: ok ? `${r.name}${what}已复核通过。` : `${r.name}${what}被驳回：${r.decisionReason ?? ''}`, link: REVIEW_LINK },
  ], { db: ctx.db, now: ctx.now });
}
