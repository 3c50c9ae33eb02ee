import { z } from 'zod';
import { action, pageInput, pageOf, requestIdInput, type FunctionContract } from './envelope';

/**
 * Contract of the `wish` cloud function (微心愿): residents' small wishes collected by the community
 * (or sent by a resident through a shared link and verified on a home visit), claimed by one member
 * or a group, fulfilled with a photo, receipted by the beneficiary (code) or an admin (reason),
 * and confirmed by the community → points for each member of the claim, once.
 * States, timers and who sees what: core/domain/wish.ts.
 */

export const wishCategory = z.enum(['daily', 'study', 'health', 'service', 'other']);
export type WishCategory = z.infer<typeof wishCategory>;
export const wishCategoryLabel: Record<WishCategory, string> = { daily: '生活用品', study: '学习用品', health: '医疗康复', service: '上门服务', other: '其他' };

export const wishStatus = z.enum(['reported', 'open', 'claimed', 'fulfilled', 'confirmed', 'withdrawn']);
export type WishStatusDto = z.infer<typeof wishStatus>;
export const wishStatusLabel: Record<WishStatusDto, string> = {
  reported: '待核实', open: '待认领', claimed: '已认领', fulfilled: '待确认', confirmed: '已实现', withdrawn: '已下架',
};
export const claimStatus = z.enum(['active', 'fulfilled', 'confirmed', 'released']);
export const claimStatusLabel: Record<z.infer<typeof claimStatus>, string> = { active: '认领中', fulfilled: '已送达', confirmed: '已实现', released: '已释放' };

const id = z.string().trim().min(1).max(80);
const requestId = requestIdInput.describe('请求标识');
const isoInput = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');
const fileId = z.string().trim().min(1).max(300);

export const beneficiaryInput = z.object({
  name: z.string().trim().min(1).max(20).describe('受助人姓名'),
  phone: z.string().trim().max(20).default('').describe('联系电话'),
  address: z.string().trim().max(60).default('').describe('住址'),
  note: z.string().trim().max(200).default('').describe('情况说明'),
});
export type Beneficiary = z.infer<typeof beneficiaryInput>;

/** What anyone may see of a wish (the wall). No beneficiary details, no donor unless public. */
export const wishCard = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  title: z.string(),
  description: z.string(),
  /** a public description of who it is for (e.g. 独居老人), never a name or address */
  forWhom: z.string(),
  category: wishCategory,
  valueCap: z.number().int(),
  deadline: z.string(),
  status: wishStatus,
  /** masked names, or 爱心党员（匿名）; null while nobody has claimed it */
  donor: z.string().nullable(),
  groupSize: z.number().int(),
  groupMax: z.number().int(),
  /** the viewer is a member of the live claim */
  mine: z.boolean(),
  photoUrls: z.array(z.string()),
  createdAt: z.string(),
});
export type WishCard = z.infer<typeof wishCard>;

/** The live claim as its members see it. */
export const claimView = z.object({
  id: z.string(),
  status: claimStatus,
  leader: z.boolean(),
  anonymous: z.boolean(),
  members: z.array(z.object({ name: z.string(), leader: z.boolean() })),
  /** share with colleagues to join the group claim */
  inviteCode: z.string(),
  /** show to the beneficiary or grid worker, who enters it to confirm receipt */
  receiptCode: z.string(),
  claimedAt: z.string(),
  lastProgressAt: z.string(),
  /** without progress by then the claim is released automatically */
  releaseAt: z.string(),
  progressNote: z.string().nullable(),
});
export type ClaimView = z.infer<typeof claimView>;

export const wishDetail = wishCard.extend({
  /** only for the community's admins and the members of the live claim */
  beneficiary: beneficiaryInput.nullable(),
  claim: claimView.nullable(),
  delivery: z.object({ note: z.string(), photoUrls: z.array(z.string()), at: z.string() }).nullable(),
  receipt: z.object({ via: z.enum(['code', 'admin']), at: z.string(), reason: z.string().nullable() }).nullable(),
  isAdmin: z.boolean(),
  /** the viewer may join the group claim (they opened the invite link) */
  canJoin: z.boolean(),
  verifiedNote: z.string().nullable(),
  /** a resident's wish whose public details (对象, 类别, 价值上限, 截止) the community has not filled in yet */
  detailsPending: z.boolean().default(false),
  withdrawReason: z.string().nullable(),
});
export type WishDetail = z.infer<typeof wishDetail>;

export const myClaim = z.object({
  wish: wishCard, claimId: z.string(), status: claimStatus, anonymous: z.boolean(), leader: z.boolean(), claimedAt: z.string(),
  points: z.number().int().nullable(),
});
export type MyClaim = z.infer<typeof myClaim>;

export const saveWishInput = z.object({
  id: id.optional(),
  requestId,
  communityId: id.describe('社区'),
  title: z.string().trim().min(2).max(30).describe('心愿内容'),
  description: z.string().trim().max(300).default('').describe('心愿说明'),
  forWhom: z.string().trim().min(2).max(20).describe('心愿对象'),
  category: wishCategory.default('daily').describe('类别'),
  valueCap: z.number().int().min(0).max(2000).default(200).describe('价值上限'),
  deadline: isoInput.describe('截止时间'),
  groupMax: z.number().int().min(1).max(10).default(5).describe('最多认领人数'),
  photos: z.array(fileId).max(9).default([]).describe('照片'),
  beneficiary: beneficiaryInput,
});

export const wishContract = {
  /** The wish wall: open wishes of my community first, then of my street; `mine` = my claims. */
  wall: action(pageInput.extend({ communityId: id.optional() }), pageOf(wishCard)),
  get: action(z.object({ id, invite: z.string().trim().max(16).optional() }), wishDetail),
  /** Wishes I claimed or joined, newest first. */
  mine: action(pageInput, pageOf(myClaim)),
  /** Claim an open wish: one live claim per wish (20 at once → exactly one). */
  claim: action(z.object({ id, anonymous: z.boolean().default(false) }), wishDetail),
  /** Join a group claim with the invite code (same unit or community as the claimer, up to the wish's limit). */
  join: action(z.object({ id, inviteCode: z.string().trim().min(4).max(16).describe('邀请码') }), wishDetail),
  /** Tell the community how it goes (contacted, buying…): keeps the claim from being released. */
  progress: action(z.object({ id, note: z.string().trim().min(2).max(100).describe('进展') }), wishDetail),
  /** The claimer gives the wish back; it returns to the wall. */
  release: action(z.object({ id, reason: z.string().trim().min(2, '请写明原因').max(100).describe('原因') }), wishDetail),
  /** Delivered: needs at least one photo (blur faces). */
  fulfil: action(z.object({ id, requestId, note: z.string().trim().max(200).default('').describe('送达说明'), photos: z.array(fileId).min(1, '请上传至少 1 张送达照片').max(9).describe('送达照片') }), wishDetail),
  /** Receipt: the beneficiary or grid worker enters the code the member shows; or an admin with a reason. */
  acknowledge: action(
    z.object({ id, code: z.string().trim().max(6).optional().describe('确认码'), reason: z.string().trim().max(100).optional().describe('代为确认原因') }),
    z.object({ wishId: z.string(), title: z.string(), donor: z.string(), already: z.boolean() }),
  ),
  /** Community admin: confirm a receipted wish → points for each member of the claim, once. */
  confirm: action(
    z.object({ id }),
    z.object({ wish: wishDetail, awarded: z.array(z.object({ name: z.string(), points: z.number().int() })), already: z.boolean() }),
  ),
  // ---------- community admin ----------
  adminList: action(pageInput.extend({ communityId: id.describe('社区'), status: wishStatus.optional() }), pageOf(wishDetail).extend({ counts: z.record(z.number().int()) })),
  save: action(saveWishInput, z.object({ wish: wishDetail, created: z.boolean() })),
  /** A resident's wish after the home visit: 已入户核实 → on the wall. */
  verify: action(z.object({ id, note: z.string().trim().min(2).max(100).default('已入户核实').describe('核实情况') }), wishDetail),
  withdraw: action(z.object({ id, reason: z.string().trim().min(2, '请写明下架原因').max(100).describe('下架原因') }), wishDetail),
  // ---------- residents ----------
  /** A resident sends a wish through the community's shared link; the community verifies it. */
  submit: action(
    z.object({
      requestId, communityId: id.describe('社区'),
      title: z.string().trim().min(2).max(30).describe('心愿内容'),
      description: z.string().trim().max(300).default('').describe('心愿说明'),
      beneficiary: beneficiaryInput,
    }),
    z.object({ id: z.string(), communityName: z.string() }),
  ),
} satisfies FunctionContract;
