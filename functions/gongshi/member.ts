/** A member's side of 公示: the community's batches (names masked) and objecting to one item. */
import type { OutputOf, ParsedInputOf } from '../../core/contracts/envelope';
import { fail } from '../../core/contracts/errors';
import type { gongshiContract } from '../../core/contracts/gongshi';
import { addWorkingDays, objectionIdOf } from '../../core/domain/gongshi';
import { toDate } from '../../core/domain/dates';
import { fmtDateTime } from '../../core/format';
import { assertSafeText } from '../_lib/content';
import { enqueueAll } from '../_lib/outbox';
import { findPage, getAll, getAllRecords, getDoc, getRecord } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet } from '../_lib/tx';
import { effectiveRule } from '../_shared/ledger';
import { itemView, normItem, type ItemDoc, type ObjectionDoc } from './store';

type C = typeof gongshiContract;

async function myCommunity(ctx: Ctx): Promise<{ communityId: string; name: string }> {
  const m = await getDoc<{ communityId?: string | null; name?: string }>(ctx, 'members', ctx.openid);
  if (!m?.communityId) fail('NOT_IN_COMMUNITY', '报到到社区后才能查看本社区的积分公示');
  return { communityId: m.communityId, name: m.name ?? '' };
}

export async function list(input: ParsedInputOf<C, 'list'>, ctx: Ctx): Promise<OutputOf<C, 'list'>> {
  const { communityId } = await myCommunity(ctx);
  const { page, pageSize } = input;
  const [batches, org] = await Promise.all([
    findPage(ctx, 'gongshiBatches', { communityId }, { orderBy: ['publishedAt', 'desc'], page, pageSize }),
    getDoc<{ name?: string }>(ctx, 'orgs', communityId),
  ]);
  const _ = ctx.db.command;
  const ids = batches.items.map((b) => b._id);
  const [items, mine] = ids.length
    ? await Promise.all([
      getAll<ItemDoc>(ctx, 'gongshiItems', { batchId: _.in(ids) }, ['at', 'asc'], 2000),
      getAllRecords(ctx, 'objections', { objector: ctx.openid, batchId: _.in(ids) }, undefined, 500),
    ])
    : [[], []];
  const objected = new Set(mine.map((o) => o.itemId));
  return {
    communityName: org?.name ?? '',
    items: batches.items.map((b) => {
      const endsAt = toDate(b.endsAt) ?? ctx.now;
      return {
        id: b._id, communityName: b.communityName, week: b.week, publishedAt: (toDate(b.publishedAt) ?? ctx.now).toISOString(),
        endsAt: endsAt.toISOString(), days: b.days, open: endsAt.getTime() > ctx.now.getTime(),
        items: items.filter((i) => i.batchId === b._id).map((i) => itemView(normItem(i), ctx.openid, objected)),
      };
    }),
    total: batches.total, page, pageSize,
  };
}

export async function object(input: ParsedInputOf<C, 'object'>, ctx: Ctx): Promise<OutputOf<C, 'object'>> {
  const objectionId = objectionIdOf(input.itemId, ctx.openid);
  const prior = await getRecord(ctx, 'objections', objectionId);
  if (prior) return { objectionId, created: false };
  const raw = await getDoc<ItemDoc>(ctx, 'gongshiItems', input.itemId);
  if (!raw) fail('ITEM_NOT_FOUND', '未找到该公示条目');
  const item = normItem(raw);
  const me = await myCommunity(ctx);
  if (me.communityId !== item.communityId) fail('NOT_IN_COMMUNITY', '只能对本社区的公示提出异议');
  if (item.openid === ctx.openid) fail('OWN_ITEM', '不能对自己的积分提出异议，如有疑问请联系社区');
  if (!(item.status === 'open' || item.status === 'frozen') || item.endsAt.getTime() <= ctx.now.getTime()) fail('GONGSHI_CLOSED', '该条公示已结束，不能再提出异议');
  await assertSafeText(ctx.openid, { 异议理由: input.reason });
  const { rule } = await effectiveRule(ctx, item.communityId);
  const deadline = addWorkingDays(ctx.now, rule.objectionDays);

  const created = await transact(ctx, async (tx) => {
    if (await txGet(tx, 'objections', objectionId)) return false;
    const cur = await txGet<ItemDoc>(tx, 'gongshiItems', item._id);
    if (!cur || !(cur.status === 'open' || cur.status === 'frozen')) fail('GONGSHI_CLOSED', '该条公示已处理，不能再提出异议');
    const doc: Omit<ObjectionDoc, '_id'> = {
      itemId: item._id, batchId: item.batchId, communityId: item.communityId, objector: ctx.openid, objectorName: me.name,
      reason: input.reason, status: 'open', deadline, ruling: null, reminded: false, createdAt: ctx.now,
    };
    await tx.collection('objections').doc(objectionId).set({ data: doc });
    // the item freezes: the effect timer skips it until the community rules
    await tx.collection('gongshiItems').doc(item._id).update({ data: { status: 'frozen', objections: (cur.objections ?? 0) + 1 } });
    return true;
  }, { settled: async () => ((await getDoc(ctx, 'objections', objectionId)) ? false : null) });

  if (created) {
    const admins = await getAll<{ openid: string }>(ctx, 'admins', { role: 'community', scopeId: item.communityId }, undefined, 50);
    await enqueueAll(admins.map((a) => ({
      key: `gongshi-objection:${objectionId}:${a.openid}`, openid: a.openid, kind: 'publicity', title: '积分公示收到异议',
      body: `「${item.title}」${item.amount} 分收到异议，请在 ${fmtDateTime(deadline)} 前处理。`, link: '/admin-community/gongshi/index',
    })), { db: ctx.db, now: ctx.now });
  }
  return { objectionId, created };
}
