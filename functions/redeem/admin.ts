/** Community admin: catalogue (create / edit), look a code up, hand over, redemptions; district settings. */
import type { ParsedInputOf } from '../../core/contracts/envelope';
import { fail } from '../../core/contracts/errors';
import type { redeemContract } from '../../core/contracts/redeem';
import type { RedeemItemRecord, RedemptionRecord } from '../../core/db/records';
import { codeFromScan, redemptionBlock } from '../../core/domain/redeem';
import { canAdmin } from '../../core/domain/permissions';
import { grantsOf, requireAdmin, requireCommunityAdmin } from '../_lib/auth';
import { once } from '../_lib/once';
import { count, getDoc, getRecord, recordRows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet, txSet } from '../_lib/tx';
import { checkTexts } from '../_shared/userContent';
import { audit, newId } from '../task/store';
import { districtOf, itemDtoOf, loadItem, redemptionDtoOf, redemptionIdOf, settingsOf } from './store';

type C = typeof redeemContract;

export async function adminItems(input: ParsedInputOf<C, 'adminItems'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId };
  const [docs, total, place] = await Promise.all([
    recordRows('redeemItems', ctx.db.collection('redeemItems').where(where).orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
    count(ctx, 'redeemItems', where),
    districtOf(ctx, input.communityId),
  ]);
  const settings = await settingsOf(ctx, place.districtId);
  return { items: docs.map((d) => itemDtoOf(d)), total, page: input.page, pageSize: input.pageSize, materialOff: settings.materialOff };
}

export async function saveItem(input: ParsedInputOf<C, 'saveItem'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const validFrom = new Date(input.validFrom);
  const validTo = new Date(input.validTo);
  if (validTo.getTime() <= validFrom.getTime()) fail('INVALID_WINDOW', '兑换截止须晚于开始兑换');
  await checkTexts(ctx, { 名称: input.title, 说明: input.description });
  const fields = {
    kind: input.kind, title: input.title, description: input.description, price: input.price, perMemberLimit: input.perMemberLimit,
    validFrom, validTo, status: input.status, updatedAt: ctx.now,
  };
  if (input.id) {
    const cur = await loadItem(ctx, input.id);
    if (cur.communityId !== input.communityId) fail('ITEM_NOT_FOUND', '兑换品不能改到其他社区');
    // stock is set as given; redemptions made meanwhile took theirs from the stored value, so it is set in a transaction
    const saved = await transact(ctx, async (tx) => {
      const now = await txGet(tx, 'redeemItems', cur._id);
      if (!now) fail('ITEM_NOT_FOUND', '未找到该兑换品');
      const next: RedeemItemRecord = { ...now, ...fields, stock: input.stock };
      await txSet(tx, 'redeemItems', cur._id, next);
      return next;
    });
    await audit(ctx, { action: 'redeem.item', subjectId: cur._id, reason: '修改兑换品', detail: { stock: [cur.stock, input.stock], price: [cur.price, input.price], status: input.status } });
    return { item: itemDtoOf(saved), created: false };
  }
  const place = await districtOf(ctx, input.communityId);
  const made = await once(ctx, 'redeemItem', input.requestId, async (tx) => {
    const id = newId('ri', ctx.now);
    const doc: RedeemItemRecord = {
      _id: id, communityId: input.communityId, streetId: place.streetId, districtId: place.districtId, ...fields, stock: input.stock,
      redeemed: 0, createdBy: ctx.openid, createdAt: ctx.now,
    };
    await txSet(tx, 'redeemItems', id, doc);
    return { id, answer: { id } };
  });
  return { item: itemDtoOf(await loadItem(ctx, made.id)), created: !made.replayed };
}

/** The redemption a typed or scanned code names, checked against the caller's scope. */
async function byCode(ctx: Ctx, text: string): Promise<RedemptionRecord> {
  const code = codeFromScan(text);
  if (!code) fail('CODE_NOT_FOUND', '兑换码是 8 位数字，请核对后重新输入');
  const r = await getRecord(ctx, 'redemptions', redemptionIdOf(code));
  if (!r) fail('CODE_NOT_FOUND', '兑换码不存在，请核对后重新输入');
  await requireCommunityAdmin(ctx, r.communityId);
  return r;
}

export async function lookup(input: ParsedInputOf<C, 'lookup'>, ctx: Ctx) {
  return { redemption: redemptionDtoOf(await byCode(ctx, input.code)) };
}

/** Hands the item over once: the status changes in a transaction, a second hand-over is refused. */
export async function handOver(input: ParsedInputOf<C, 'handOver'>, ctx: Ctx) {
  const r = await byCode(ctx, input.code);
  const next = await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'redemptions', r._id);
    if (!cur) fail('CODE_NOT_FOUND', '兑换码不存在');
    const block = redemptionBlock(cur, 'hand');
    if (block) fail(block.code, block.message);
    const done: RedemptionRecord = { ...cur, status: 'handed', handedAt: ctx.now, handedBy: ctx.openid };
    await txSet(tx, 'redemptions', cur._id, done);
    return done;
  });
  return { redemption: redemptionDtoOf(next) };
}

export async function adminRedemptions(input: ParsedInputOf<C, 'adminRedemptions'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId, ...(input.status ? { status: input.status } : {}) };
  const [docs, total] = await Promise.all([
    recordRows('redemptions', ctx.db.collection('redemptions').where(where).orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
    count(ctx, 'redemptions', where),
  ]);
  return { items: docs.map((d) => redemptionDtoOf(d)), total, page: input.page, pageSize: input.pageSize };
}

/** A community's or a district's district. */
async function districtIdOf(ctx: Ctx, scopeId: string): Promise<string | null> {
  const org = await getDoc<{ kind?: string; path?: string[] }>(ctx, 'orgs', scopeId);
  if (!org) fail('SCOPE_NOT_FOUND', '未找到该组织');
  return org.kind === 'district' ? scopeId : org.path?.[0] ?? null;
}

export async function settings(input: ParsedInputOf<C, 'settings'>, ctx: Ctx) {
  const districtId = await districtIdOf(ctx, input.scopeId);
  const s = await settingsOf(ctx, districtId);
  const grants = await grantsOf(ctx);
  return { districtId, ...s, canEdit: !!districtId && canAdmin(grants, 'district', { districtId }) };
}

export async function setSettings(input: ParsedInputOf<C, 'setSettings'>, ctx: Ctx) {
  const org = await getDoc<{ kind?: string }>(ctx, 'orgs', input.districtId);
  if (!org || org.kind !== 'district') fail('SCOPE_NOT_FOUND', '未找到该区');
  await requireAdmin(ctx, 'district', { districtId: input.districtId });
  const before = await settingsOf(ctx, input.districtId);
  await ctx.db.collection('redeemSettings').doc(input.districtId).set({
    data: { materialOff: input.materialOff, ratio: input.ratio, validYears: input.validYears, updatedBy: ctx.openid, updatedAt: ctx.now },
  });
  await audit(ctx, { action: 'redeem.settings', subjectId: input.districtId, reason: '修改积分兑换设置', detail: { before, after: { materialOff: input.materialOff, ratio: input.ratio, validYears: input.validYears } } });
  return { districtId: input.districtId, materialOff: input.materialOff, ratio: input.ratio, validYears: input.validYears, canEdit: true };
}
