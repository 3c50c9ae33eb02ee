/** Loads and wire shapes of the redeem function. */
import type { ItemDto, RedemptionDto } from '../../core/contracts/redeem';
import { fail } from '../../core/contracts/errors';
import type { RedeemItemRecord, RedemptionRecord } from '../../core/db/records';
import { iso } from '../../core/domain/dates';
import { DEFAULT_REDEEM_SETTINGS, qrTextOf, type RedeemSettings } from '../../core/domain/redeem';
import { getDoc, getRecord } from '../_lib/query';
import type { Ctx } from '../_lib/router';

export type DbCtx = Pick<Ctx, 'db'>;

export const redemptionIdOf = (code: string) => `rd-${code}`;

export async function loadItem(ctx: DbCtx, id: string): Promise<RedeemItemRecord> {
  const item = await getRecord(ctx, 'redeemItems', id);
  if (!item) fail('ITEM_NOT_FOUND', '未找到该兑换品');
  return item;
}

/** A district's settings (defaults when it has none). */
export async function settingsOf(ctx: DbCtx, districtId: string | null | undefined): Promise<RedeemSettings> {
  if (!districtId) return { ...DEFAULT_REDEEM_SETTINGS };
  const s = await getRecord(ctx, 'redeemSettings', districtId);
  return s ? { materialOff: s.materialOff, ratio: s.ratio, validYears: s.validYears } : { ...DEFAULT_REDEEM_SETTINGS };
}

/** District of a community (its path's first id). */
export async function districtOf(ctx: DbCtx, communityId: string | null | undefined): Promise<{ districtId: string | null; streetId: string | null }> {
  if (!communityId) return { districtId: null, streetId: null };
  const org = await getDoc<{ path?: string[] }>(ctx, 'orgs', communityId);
  return { districtId: org?.path?.[0] ?? null, streetId: org?.path?.[1] ?? null };
}

export function itemDtoOf(i: RedeemItemRecord, held = 0, block: string | null = null): ItemDto {
  return {
    id: i._id, communityId: i.communityId, kind: i.kind, title: i.title, description: i.description, price: i.price, stock: i.stock,
    perMemberLimit: i.perMemberLimit, validFrom: iso(i.validFrom) ?? '', validTo: iso(i.validTo) ?? '', status: i.status, redeemed: i.redeemed, held, block,
  };
}

export function redemptionDtoOf(r: RedemptionRecord, memberName = r.memberName): RedemptionDto {
  return {
    id: r._id, code: r.code, qr: qrTextOf(r.code), itemId: r.itemId, itemTitle: r.itemTitle, kind: r.kind, price: r.price, communityId: r.communityId,
    memberName, status: r.status, expiresAt: iso(r.expiresAt) ?? '', createdAt: iso(r.createdAt) ?? '', handedAt: iso(r.handedAt),
    cancelledAt: iso(r.cancelledAt), cancelReason: r.cancelReason,
  };
}
