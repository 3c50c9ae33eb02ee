import { z } from 'zod';
import { action, pageInput, pageOf, requestIdInput, type FunctionContract } from './envelope';

/**
 * Contract of the `gongshi` cloud function (积分公示): a community's weekly 公示 batches of new
 * credits (names masked), objections by members, the community admin's ruling (维持 / 调整 / 撤销).
 * A daily timer publishes batches and makes credits effective after the window (core/domain/gongshi.ts).
 * Feature error codes: NOT_IN_COMMUNITY, ITEM_NOT_FOUND, GONGSHI_CLOSED, OBJECTION_NOT_FOUND,
 * ALREADY_RULED, AMOUNT_REQUIRED; 复核: REVIEW_NOT_FOUND, SECOND_APPROVER_REQUIRED, ALREADY_REVIEWED,
 * REASON_REQUIRED.
 */
export const gongshiItemStatus = z.enum(['open', 'frozen', 'ruled', 'effective', 'revoked']);
export type GongshiItemStatusDto = z.infer<typeof gongshiItemStatus>;
export const gongshiItemStatusLabel: Record<GongshiItemStatusDto, string> = {
  open: '公示中', frozen: '有异议·暂缓生效', ruled: '已处理·待生效', effective: '已生效', revoked: '已撤销',
};
export const objectionDecision = z.enum(['keep', 'adjust', 'revoke']);
export type ObjectionDecisionDto = z.infer<typeof objectionDecision>;

const id = z.string().trim().min(1).max(200);

export const gongshiItem = z.object({
  id: z.string(),
  /** masked: 张* / 欧**明 (the member sees their own name) */
  name: z.string(),
  isMe: z.boolean(),
  title: z.string(),
  /** points now in force for this item (after an 调整, the corrected amount) */
  amount: z.number().int(),
  /** the amount first posted, when a ruling changed it */
  originalAmount: z.number().int().nullable(),
  status: gongshiItemStatus,
  at: z.string(),
  /** I have objected to this item */
  objected: z.boolean(),
  ruling: z.object({ decision: objectionDecision, reason: z.string(), at: z.string() }).nullable(),
  /** a hand-made credit (手工录入) that a second admin approved (复核) before it entered 公示 */
  handMade: z.boolean().default(false),
});
export type GongshiItemDto = z.infer<typeof gongshiItem>;

export const gongshiBatch = z.object({
  id: z.string(),
  communityName: z.string(),
  /** Monday of the week the credits were made in */
  week: z.string(),
  publishedAt: z.string(),
  endsAt: z.string(),
  days: z.number().int(),
  open: z.boolean(),
  items: z.array(gongshiItem),
});
export type GongshiBatchDto = z.infer<typeof gongshiBatch>;

export const objectionView = z.object({
  id: z.string(),
  itemId: z.string(),
  batchId: z.string(),
  /** the member whose credit is questioned (full name: the admin's own community) */
  memberName: z.string(),
  objectorName: z.string(),
  title: z.string(),
  amount: z.number().int(),
  reason: z.string(),
  status: z.enum(['open', 'ruled']),
  deadline: z.string(),
  overdue: z.boolean(),
  ruling: z.object({ decision: objectionDecision, reason: z.string(), amount: z.number().int().nullable(), at: z.string() }).nullable(),
  createdAt: z.string(),
  handMade: z.boolean().default(false),
});
export type ObjectionViewDto = z.infer<typeof objectionView>;

export const reviewStatus = z.enum(['awaiting', 'approved', 'rejected']);
export type ReviewStatusDto = z.infer<typeof reviewStatus>;
export const reviewStatusLabel: Record<ReviewStatusDto, string> = { awaiting: '待复核', approved: '已复核通过', rejected: '已驳回' };

/** A hand-made credit (手工录入) in the 复核 queue of a community. */
export const reviewView = z.object({
  id: z.string(),
  kind: z.enum(['attendance', 'adjust']),
  /** the member (full name: the admin's own community) */
  name: z.string(),
  title: z.string(),
  amount: z.number().int(),
  minutes: z.number().int(),
  /** who made it by hand */
  makerName: z.string(),
  /** I made it: I may not approve it */
  mine: z.boolean(),
  reason: z.string().nullable(),
  status: reviewStatus,
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  at: z.string(),
  createdAt: z.string(),
});
export type ReviewViewDto = z.infer<typeof reviewView>;

export const gongshiContract = {
  /** My community's 公示 batches, newest first (open ones and those of the last weeks). */
  list: action(pageInput.strict().optional().default({}), pageOf(gongshiBatch).extend({ communityName: z.string() })),
  /** Object to one item of an open 公示: the item freezes until the community rules. */
  object: action(
    z.object({ itemId: id, reason: z.string().trim().min(5, '请写明异议理由（至少 5 个字）').max(300).describe('异议理由'), requestId: requestIdInput }).strict(),
    z.object({ objectionId: z.string(), created: z.boolean() }),
  ),
  /** Community admin: objections of a community, open first. */
  objections: action(
    pageInput.extend({ communityId: id, status: z.enum(['open', 'ruled']).default('open') }).strict(),
    pageOf(objectionView),
  ),
  /** Community admin rules on an item's objections: 维持 / 调整 (new amount) / 撤销, with a reason. */
  rule: action(
    z.object({
      objectionId: id,
      decision: objectionDecision,
      amount: z.number().int().min(-1000).max(1000).optional().describe('调整后分值'),
      reason: z.string().trim().min(2, '请填写处理理由').max(300).describe('处理理由'),
    }).strict(),
    z.object({ objection: objectionView }),
  ),
  /** Community admin: hand-made credits (手工录入) of a community by 复核 status, newest first. */
  reviews: action(
    pageInput.extend({ communityId: id, status: reviewStatus.default('awaiting') }).strict(),
    pageOf(reviewView),
  ),
  /**
   * A second admin of the community (not the maker, not the member) approves a hand-made credit —
   * it is posted pending and enters the next 公示 — or rejects it with a reason. Once.
   */
  review: action(
    z.object({
      reviewId: id,
      decision: z.enum(['approve', 'reject']),
      reason: z.string().trim().max(300).optional().describe('驳回理由'),
      requestId: requestIdInput.optional(),
    }).strict(),
    z.object({ review: reviewView }),
  ),
} satisfies FunctionContract;
