/**
 * The community admin's side of 公示 objections: the queue and the ruling. 调整 and 撤销 never edit
 * an entry: they post a reversal of the item's credit (and, for 调整, a new credit of the ruled
 * amount) through the one ledger write path, in the same transaction that records the ruling.
 */
import type { OutputOf, ParsedInputOf } from '../../core/contracts/envelope';
import { fail } from '../../core/contracts/errors';
import type { gongshiContract } from '../../core/contracts/gongshi';
import { correctionSourceOf, objectionDecisionLabel } from '../../core/domain/gongshi';
import { entryIdOf, pendingParts, reversalIdOf, reversalOf, type BalancePlace, type LedgerEntry } from '../../core/domain/ledger';
import { requireCommunityAdmin } from '../_lib/auth';
import { post } from '../_lib/ledger';
import { enqueueAll, type Notice } from '../_lib/outbox';
import { findPage, getAllRecords, getDoc, getMany, getRecord } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet } from '../_lib/tx';
import { normItem, objectionView, type ItemDoc, type Ruling } from './store';

type C = typeof gongshiContract;

export async function objections(input: ParsedInputOf<C, 'objections'>, ctx: Ctx): Promise<OutputOf<C, 'objections'>> {
  await requireCommunityAdmin(ctx, input.communityId);
  const { page, pageSize } = input;
  const where = { communityId: input.communityId, status: input.status };
  const res = await findPage(ctx, 'objections', where, { orderBy: ['createdAt', 'desc'], page, pageSize });
  const items = await getMany<ItemDoc>(ctx, 'gongshiItems', res.items.map((o) => o.itemId));
  return { items: res.items.map((o) => objectionView(o, items.get(o.itemId), ctx.now)), total: res.total, page, pageSize };
}

const UNPLACED: BalancePlace = { communityId: null, unitId: null, streetId: null, districtId: null };

export async function rule(input: ParsedInputOf<C, 'rule'>, ctx: Ctx): Promise<OutputOf<C, 'rule'>> {
  const objection = await getRecord(ctx, 'objections', input.objectionId);
  if (!objection) fail('OBJECTION_NOT_FOUND', '未找到该异议');
  await requireCommunityAdmin(ctx, objection.communityId);
  if (objection.status !== 'open') fail('ALREADY_RULED', '该异议已处理');
  const rawItem = await getDoc<ItemDoc>(ctx, 'gongshiItems', objection.itemId);
  if (!rawItem) fail('ITEM_NOT_FOUND', '未找到该公示条目');
  const item = normItem(rawItem);
  if (input.decision === 'adjust') {
    if (input.amount === undefined) fail('AMOUNT_REQUIRED', '请填写调整后的分值');
    if (input.amount === item.amount) fail('AMOUNT_REQUIRED', '调整后的分值与原分值相同，请选择「维持」');
  }
  // every open objection on the item is answered by the one ruling
  const others = await getAllRecords(ctx, 'objections', { itemId: item._id, status: 'open' }, undefined, 100);
  const ruling: Ruling = { decision: input.decision, reason: input.reason, amount: input.decision === 'adjust' ? input.amount! : null, by: ctx.openid, at: ctx.now };
  const reason = `公示异议${objectionDecisionLabel[input.decision]}：${input.reason}`;

  await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'objections', objection._id);
    if (!cur || cur.status !== 'open') fail('ALREADY_RULED', '该异议已处理');
    const patch: Partial<ItemDoc> = { status: 'ruled', ruling };
    if (input.decision !== 'keep') {
      const original = await txGet(tx, 'ledger', item.currentEntryId);
      if (!original) fail('ENTRY_NOT_FOUND', '未找到该积分记录');
      if (await txGet(tx, 'ledger', reversalIdOf(original._id))) fail('ALREADY_REVERSED', '该积分已被冲正，请刷新后再处理');
      const entries: LedgerEntry[] = [reversalOf(original, ctx.openid, reason, ctx.now)];
      if (input.decision === 'adjust') {
        const amount = input.amount!;
        entries.push({
          _id: entryIdOf('adjust', correctionSourceOf(item._id), original.openid), openid: original.openid, year: original.year, day: original.day,
          amount, minutes: 0, cause: 'adjust', sourceId: correctionSourceOf(item._id), communityId: original.communityId, ruleId: null, ruleVersion: null,
          capped: false, base: null, cappedBy: null, actor: ctx.openid, reason, reverses: null, ...pendingParts(amount), at: original.at, createdAt: ctx.now,
        });
        Object.assign(patch, { currentEntryId: entries[1]._id, amount, originalAmount: item.originalAmount ?? item.amount });
      } else {
        Object.assign(patch, { status: 'revoked', amount: 0, originalAmount: item.originalAmount ?? item.amount });
      }
      await post(tx, entries, UNPLACED, { now: ctx.now, keepPlace: true });
    }
    await tx.collection('gongshiItems').doc(item._id).update({ data: patch });
    for (const o of others) await tx.collection('objections').doc(o._id).update({ data: { status: 'ruled', ruling } });
    if (!others.some((o) => o._id === objection._id)) await tx.collection('objections').doc(objection._id).update({ data: { status: 'ruled', ruling } });
  });

  // the member and every objector are told (after the commit; keys make a retry send once)
  const verdict = input.decision === 'adjust' ? `调整为 ${input.amount} 分` : objectionDecisionLabel[input.decision];
  const notices: Notice[] = [
    { key: `gongshi-ruled:${item._id}:member`, openid: item.openid, kind: 'publicity', title: '您的积分公示异议已处理', body: `「${item.title}」${item.amount} 分：${verdict}。理由：${input.reason}`, link: '/gongshi/list/index' },
    ...[...new Set([objection.objector, ...others.map((o) => o.objector)])].map((openid) => ({
      key: `gongshi-ruled:${item._id}:${openid}`, openid, kind: 'publicity', title: '您提出的公示异议已处理', body: `「${item.title}」：${verdict}。理由：${input.reason}`, link: '/gongshi/list/index',
    })),
  ];
  await enqueueAll(notices, { db: ctx.db, now: ctx.now });
  const after = await getRecord(ctx, 'objections', objection._id);
  const itemAfter = await getDoc<ItemDoc>(ctx, 'gongshiItems', item._id);
  return { objection: objectionView(after!, itemAfter ? normItem(itemAfter) : item, ctx.now) };
}
