/** Member actions: my two balances, the catalogue, redeem, 我的兑换, cancel. */
import QRCode from 'qrcode';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import { fail } from '../../core/contracts/errors';
import type { redeemContract } from '../../core/contracts/redeem';
import type { RedemptionRecord } from '../../core/db/records';
import { balanceIdOf } from '../../core/domain/ledger';
import {
  expiryOf, limitCounterIdOf, redeemBlock, redeemCodeOf, redemptionBlock, refundIdOf, spendIdOf, splitSpend, spendableYears,
} from '../../core/domain/redeem';
import { yearOf } from '../../core/domain/scoring';
import { canAdmin } from '../../core/domain/permissions';
import { grantsOf, placeOfCommunity } from '../_lib/auth';
import { once } from '../_lib/once';
import { count, getDoc, getMany, getRecord, getRecords, recordRows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet, txSet, txUpdate, type Tx } from '../_lib/tx';
import { placeOfMember } from '../_shared/ledger';
import { postSpend, spendableNow, spendableParts, syncEarn } from './spendable';
import { districtOf, itemDtoOf, redemptionDtoOf, redemptionIdOf, settingsOf } from './store';

type C = typeof redeemContract;

interface MemberDoc { _id: string; name?: string; communityId?: string | null }

async function memberOf(ctx: Ctx): Promise<MemberDoc | null> {
  return getDoc<MemberDoc>(ctx, 'members', ctx.openid);
}

export async function summary(_input: ParsedInputOf<C, 'summary'>, ctx: Ctx) {
  await syncEarn(ctx, ctx.openid);
  const member = await memberOf(ctx);
  const { districtId } = await districtOf(ctx, member?.communityId);
  const settings = await settingsOf(ctx, districtId);
  const year = yearOf(ctx.now);
  const years = spendableYears(ctx.now, settings.validYears);
  const balances = await getRecords(ctx, 'balances', years.map((y) => balanceIdOf(y, ctx.openid)));
  const parts = years.map((y) => {
    const b = balances.get(balanceIdOf(y, ctx.openid)) as { spendable?: number } | undefined;
    return { year: y, spendable: Math.max(0, Number(b?.spendable ?? 0)), expiresAt: expiryOf(y, settings.validYears).toISOString() };
  });
  const current = balances.get(balanceIdOf(year, ctx.openid));
  return {
    year, assessed: current?.points ?? 0, spendable: parts.reduce((s, p) => s + p.spendable, 0), parts: parts.filter((p) => p.spendable > 0),
    communityId: member?.communityId ?? null, materialOff: settings.materialOff, ratio: settings.ratio,
  };
}

export async function catalogue(input: ParsedInputOf<C, 'catalogue'>, ctx: Ctx) {
  const member = await memberOf(ctx);
  const communityId = member?.communityId ?? null;
  if (!communityId) return { items: [], total: 0, page: input.page, pageSize: input.pageSize, communityId: null, materialOff: false };
  const { districtId } = await districtOf(ctx, communityId);
  const settings = await settingsOf(ctx, districtId);
  const where: Record<string, unknown> = { communityId, status: 'on', ...(settings.materialOff ? { kind: 'honour' } : {}) };
  const q = ctx.db.collection('redeemItems').where(where);
  const [docs, total] = await Promise.all([
    recordRows('redeemItems', q.orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
    count(ctx, 'redeemItems', where),
  ]);
  const held = await getMany<{ _id: string; held?: number }>(ctx, 'counters', docs.map((d) => limitCounterIdOf(d._id, ctx.openid)));
  const items = docs.map((d) => {
    const h = Number(held.get(limitCounterIdOf(d._id, ctx.openid))?.held ?? 0);
    return itemDtoOf(d, h, redeemBlock(d, ctx.now, settings, h)?.message ?? null);
  });
  return { items, total, page: input.page, pageSize: input.pageSize, communityId, materialOff: settings.materialOff };
}

/** How long an unclaimed code stays open: until the item's window closes, at least a week from now. */
function expiresAtOf(validTo: Date, now: Date): Date {
  return new Date(Math.max(validTo.getTime(), now.getTime() + 7 * 86_400_000));
}

/**
 * One piece: the item's stock, the member's limit, the spend entries and the redemption are
 * written in ONE transaction. Nothing outside the transaction reads the item (a read of a document
 * another transaction holds waits for it, and 100 such waits would hold every connection), and the
 * item is read last, so its lock is held only while the writes go out.
 */
export async function redeem(input: ParsedInputOf<C, 'redeem'>, ctx: Ctx) {
  const made = await once(ctx, 'redeem', input.requestId, {
    prepare: async () => {
      const member = await memberOf(ctx);
      if (!member?.communityId) fail('NOT_REPORTED', '请先到居住地社区报到，再兑换本社区的积分商品');
      const settings = await settingsOf(ctx, (await districtOf(ctx, member.communityId)).districtId);
      await syncEarn(ctx, ctx.openid);
      return { member, communityId: member.communityId, settings, place: await placeOfMember(ctx, ctx.openid, member.communityId) };
    },
    create: async (tx, { member, communityId, settings, place }) => {
      const counterId = limitCounterIdOf(input.itemId, ctx.openid);
      const counter = await txGet<{ held?: number }>(tx, 'counters', counterId);
      const held = Number(counter?.held ?? 0);
      const parts = await spendableParts(tx, ctx.openid, ctx.now, settings.validYears);
      const code = await freshCode(tx);
      const id = redemptionIdOf(code);
      const item = await txGet(tx, 'redeemItems', input.itemId);
      if (!item || item.communityId !== communityId) fail('ITEM_NOT_FOUND', '只能兑换本社区的兑换品');
      const block = redeemBlock(item, ctx.now, settings, held);
      if (block) fail(block.code, block.message);
      const split = splitSpend(item.price, parts);
      if (!split) fail('NOT_ENOUGH_POINTS', `可兑换积分不足：需要 ${item.price} 分，现有 ${parts.reduce((s, p) => s + p.amount, 0)} 分`);
      const doc: RedemptionRecord = {
        _id: id, code, itemId: item._id, itemTitle: item.title, kind: item.kind, price: item.price, communityId: item.communityId, openid: ctx.openid,
        memberName: member.name ?? '', status: 'open', spends: split, expiresAt: expiresAtOf(item.validTo, ctx.now), createdAt: ctx.now,
        handedAt: null, handedBy: null, cancelledAt: null, cancelledBy: null, cancelReason: null,
      };
      await txUpdate(tx, 'redeemItems', item._id, { stock: item.stock - 1, redeemed: item.redeemed + 1, updatedAt: ctx.now });
      await txSet(tx, 'counters', counterId, { held: held + 1, updatedAt: ctx.now });
      await txSet(tx, 'redemptions', id, doc);
      await postSpend(tx, split.map((p) => ({
        id: spendIdOf(id, p.year, ctx.openid), openid: ctx.openid, year: p.year, cause: 'spend' as const, spendable: -p.amount, sourceId: id,
        communityId: item.communityId, actor: ctx.openid, reason: `兑换「${item.title}」`,
      })), ctx.now, place);
      return { id, answer: { id } };
    },
  });
  const r = await getRecord(ctx, 'redemptions', made.id);
  if (!r) fail('INTERNAL', '兑换记录未找到');
  const settings = await settingsOf(ctx, (await districtOf(ctx, r.communityId)).districtId);
  return { redemption: redemptionDtoOf(r), spendable: await spendableNow(ctx, ctx.openid, settings.validYears) };
}

/** A code not taken yet (8 digits: collisions are rare; the redemption's id is the code). */
async function freshCode(tx: Tx): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const code = redeemCodeOf(Math.random);
    if (!(await txGet(tx, 'redemptions', redemptionIdOf(code)))) return code;
  }
  return fail('CONFLICT', '兑换码生成失败，请重试');
}

export async function mine(input: ParsedInputOf<C, 'mine'>, ctx: Ctx) {
  const where = { openid: ctx.openid, ...(input.status ? { status: input.status } : {}) };
  const [docs, total] = await Promise.all([
    recordRows('redemptions', ctx.db.collection('redemptions').where(where).orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
    count(ctx, 'redemptions', where),
  ]);
  return { items: docs.map((d) => redemptionDtoOf(d)), total, page: input.page, pageSize: input.pageSize };
}

/**
 * Cancels an open redemption: status, stock, the member's limit and the refund in ONE transaction,
 * so concurrent cancels (member and admin, a double tap, the expiry timer) refund exactly once.
 * The refund is credited to the current year's spendable part.
 */
export async function cancelRedemption(ctx: Pick<Ctx, 'db' | 'now'>, id: string, actor: string, reason: string | null): Promise<RedemptionRecord> {
  const known = await getRecord(ctx, 'redemptions', id);
  const place = await placeOfMember(ctx, known?.openid ?? '', known?.communityId ?? null);
  return transact(ctx, async (tx) => {
    const r = await txGet(tx, 'redemptions', id);
    if (!r) fail('CODE_NOT_FOUND', '未找到该兑换');
    const block = redemptionBlock(r, 'cancel');
    if (block) fail(block.code, block.message);
    const item = await txGet(tx, 'redeemItems', r.itemId);
    const counterId = limitCounterIdOf(r.itemId, r.openid);
    const counter = await txGet<{ held?: number }>(tx, 'counters', counterId);
    const next: RedemptionRecord = { ...r, status: 'cancelled', cancelledAt: ctx.now, cancelledBy: actor, cancelReason: reason };
    await txSet(tx, 'redemptions', id, next);
    if (item) await txUpdate(tx, 'redeemItems', item._id, { stock: item.stock + 1, redeemed: Math.max(0, item.redeemed - 1), updatedAt: ctx.now });
    await txSet(tx, 'counters', counterId, { held: Math.max(0, Number(counter?.held ?? 0) - 1), updatedAt: ctx.now });
    const amount = r.spends.reduce((s, p) => s + p.amount, 0);
    await postSpend(tx, [{
      id: refundIdOf(id, r.openid), openid: r.openid, year: yearOf(ctx.now), cause: 'refund', spendable: amount, sourceId: id,
      communityId: r.communityId, actor, reason: reason ? `取消兑换「${r.itemTitle}」：${reason}` : `取消兑换「${r.itemTitle}」`,
    }], ctx.now, place);
    return next;
  });
}

export async function showCode(input: ParsedInputOf<C, 'showCode'>, ctx: Ctx) {
  const r = await getRecord(ctx, 'redemptions', input.id);
  if (!r || r.openid !== ctx.openid) fail('CODE_NOT_FOUND', '未找到该兑换');
  const dto = redemptionDtoOf(r);
  const dataUrl = await QRCode.toDataURL(dto.qr, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
  return { redemption: dto, dataUrl };
}

export async function cancel(input: ParsedInputOf<C, 'cancel'>, ctx: Ctx) {
  const r = await getRecord(ctx, 'redemptions', input.id);
  if (!r) fail('CODE_NOT_FOUND', '未找到该兑换');
  if (r.openid !== ctx.openid) {
    const grants = await grantsOf(ctx);
    if (!canAdmin(grants, 'community', await placeOfCommunity(ctx, r.communityId))) fail('FORBIDDEN', '只能取消自己的兑换');
    if (!input.reason) fail('VALIDATION_FAILED', '取消原因：请填写取消原因');
  }
  const next = await cancelRedemption(ctx, r._id, ctx.openid, input.reason ?? null);
  return { redemption: redemptionDtoOf(next) };
}
