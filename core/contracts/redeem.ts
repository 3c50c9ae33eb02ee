import { z } from 'zod';
import { action, pageInput, pageOf, requestIdInput, type FunctionContract } from './envelope';

/**
 * Contract of the `redeem` cloud function (积分兑换): a community's catalogue (donated goods and
 * honours), a member redeems with 可兑换分 → a one-time code (QR + 8 digits) → an admin scans or
 * types it to hand the item over; cancel before hand-over refunds once; a district may turn
 * material rewards off. Rules: core/domain/redeem.ts. Feature codes: RedeemErrors.
 */
export const RedeemErrors = {
  ITEM_NOT_FOUND: '未找到该兑换品',
  ITEM_OFF: '该兑换品已下架',
  MATERIAL_OFF: '本区已关闭实物兑换，只能兑换荣誉类项目',
  NOT_STARTED: '该兑换品尚未开始兑换',
  ITEM_EXPIRED: '该兑换品已过兑换期',
  SOLD_OUT: '已兑完',
  LIMIT_REACHED: '已达每人限兑数量',
  NOT_ENOUGH_POINTS: '可兑换积分不足',
  NOT_REPORTED: '尚未报到到社区',
  CODE_NOT_FOUND: '兑换码不存在，请核对后重新输入',
  ALREADY_HANDED: '该兑换码已核销，不能重复领取',
  ALREADY_CANCELLED: '该兑换已取消，积分已退回',
  INVALID_WINDOW: '兑换截止须晚于开始',
  STOCK_BELOW_REDEEMED: '库存不能为负',
} as const;

export const redeemKind = z.enum(['goods', 'honour']);
export type RedeemKindDto = z.infer<typeof redeemKind>;
export const redeemKindLabel: Record<RedeemKindDto, string> = { goods: '实物', honour: '荣誉' };
export const redemptionStatus = z.enum(['open', 'handed', 'cancelled']);
export type RedemptionStatusDto = z.infer<typeof redemptionStatus>;
export const redemptionStatusLabel: Record<RedemptionStatusDto, string> = { open: '待领取', handed: '已领取', cancelled: '已取消' };

const id = z.string().trim().min(1).max(80);
const communityId = z.string().trim().min(1).max(64);
const isoInput = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');
const code = z.string().trim().min(1).max(40).describe('兑换码');

export const itemDto = z.object({
  id: z.string(),
  communityId: z.string(),
  kind: redeemKind,
  title: z.string(),
  description: z.string(),
  price: z.number().int(),
  stock: z.number().int(),
  perMemberLimit: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.enum(['on', 'off']),
  redeemed: z.number().int(),
  /** member views: live redemptions I hold of this item, and why I cannot redeem now (null: I can) */
  held: z.number().int(),
  block: z.string().nullable(),
});
export type ItemDto = z.infer<typeof itemDto>;

export const redemptionDto = z.object({
  id: z.string(),
  code: z.string(),
  /** text to draw as the QR (prefix + code) */
  qr: z.string(),
  itemId: z.string(),
  itemTitle: z.string(),
  kind: redeemKind,
  price: z.number().int(),
  communityId: z.string(),
  /** admins: the member's masked name; members: their own name */
  memberName: z.string(),
  status: redemptionStatus,
  expiresAt: z.string(),
  createdAt: z.string(),
  handedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type RedemptionDto = z.infer<typeof redemptionDto>;

export const settingsDto = z.object({
  districtId: z.string().nullable(),
  materialOff: z.boolean(),
  ratio: z.number(),
  validYears: z.number().int(),
  canEdit: z.boolean(),
});
export type RedeemSettingsDto = z.infer<typeof settingsDto>;

const itemInput = z.object({
  communityId,
  id: id.optional(),
  kind: redeemKind.describe('类别'),
  title: z.string().trim().min(2).max(30).describe('名称'),
  description: z.string().trim().max(200).default('').describe('说明'),
  price: z.number().int().min(1).max(100000).describe('所需积分'),
  stock: z.number().int().min(0).max(100000).describe('库存'),
  perMemberLimit: z.number().int().min(0).max(100).default(1).describe('每人限兑'),
  validFrom: isoInput.describe('开始兑换'),
  validTo: isoInput.describe('兑换截止'),
  status: z.enum(['on', 'off']).default('on').describe('状态'),
  requestId: requestIdInput.optional(),
}).strict();

export const redeemContract = {
  /** My 考核分 and 可兑换分 (by year, with when each expires), and whether material rewards are off. */
  summary: action(
    z.object({}).strict().optional().default({}),
    z.object({
      year: z.number().int(),
      /** 考核分: this year's points (never spent) */
      assessed: z.number().int(),
      /** 可兑换分 usable now (sum of the parts) */
      spendable: z.number().int(),
      parts: z.array(z.object({ year: z.number().int(), spendable: z.number().int(), expiresAt: z.string() })),
      communityId: z.string().nullable(),
      materialOff: z.boolean(),
      ratio: z.number(),
    }),
  ),
  /** My community's catalogue, items on offer (honours only when material rewards are off). */
  catalogue: action(
    pageInput.strict(),
    pageOf(itemDto).extend({ communityId: z.string().nullable(), materialOff: z.boolean() }),
  ),
  /** Redeem one piece: spends 可兑换分, takes one from stock, answers the one-time code. */
  redeem: action(
    z.object({ itemId: id.describe('兑换品'), requestId: requestIdInput.optional() }).strict(),
    z.object({ redemption: redemptionDto, spendable: z.number().int() }),
  ),
  /** 我的兑换, newest first. */
  mine: action(
    pageInput.extend({ status: redemptionStatus.optional() }).strict(),
    pageOf(redemptionDto),
  ),
  /** My redemption with its code drawn as a QR (PNG data URL) for the counter. */
  showCode: action(z.object({ id: id.describe('兑换') }).strict(), z.object({ redemption: redemptionDto, dataUrl: z.string() })),
  /** Cancel an open redemption (the member, or an admin of its community with a reason): refunds once, stock back. */
  cancel: action(
    z.object({ id: id.describe('兑换'), reason: z.string().trim().max(60).optional().describe('取消原因') }).strict(),
    z.object({ redemption: redemptionDto }),
  ),
  /** Admin: what a code stands for (before handing over). */
  lookup: action(z.object({ code }).strict(), z.object({ redemption: redemptionDto })),
  /** Admin: hand the item over for a code (once). */
  handOver: action(z.object({ code }).strict(), z.object({ redemption: redemptionDto })),
  /** Admin: the community's catalogue, every status. */
  adminItems: action(pageInput.extend({ communityId }).strict(), pageOf(itemDto).extend({ materialOff: z.boolean() })),
  /** Admin: create (requestId) or edit an item. */
  saveItem: action(itemInput, z.object({ item: itemDto, created: z.boolean() })),
  /** Admin: the community's redemptions by status. */
  adminRedemptions: action(
    pageInput.extend({ communityId, status: redemptionStatus.optional() }).strict(),
    pageOf(redemptionDto),
  ),
  /** The district's redemption settings for a community (or a district id). */
  settings: action(z.object({ scopeId: communityId }).strict(), settingsDto),
  /** District admin: material rewards on/off, ratio, how long points stay spendable. */
  setSettings: action(
    z.object({
      districtId: communityId,
      materialOff: z.boolean().describe('关闭实物兑换'),
      ratio: z.number().min(0).max(10).describe('兑换比例'),
      validYears: z.number().int().min(0).max(5).describe('有效年数'),
    }).strict(),
    settingsDto,
  ),
} satisfies FunctionContract;
