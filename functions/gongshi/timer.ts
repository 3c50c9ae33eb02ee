/**
 * The daily 公示 timer; `now` is the trigger's time (injectable: tests and the local stack pass it).
 *
 * 1. publish: credits made before this China-time week that are in no batch yet go, per community,
 *    into the batch of last week (`${communityId}:${week}`, window from the community's rule).
 * 2. effect: items whose window has ended and that are not frozen become effective (ledger `effect`
 *    entry through the one write path), then the item is marked effective.
 * 3. remind: open objections due within a day remind the community admins once.
 * Every step derives its ids from what it handles, so a second run (or a rerun after a crash) finds
 * the work done and does nothing more.
 */
import type { LedgerEntry } from '../../core/domain/ledger';
import { PUBLISHED_CAUSES, addWorkingDays, isCorrection, batchIdOf, dueForEffect, weekKeyOf, weekStartOf } from '../../core/domain/gongshi';
import { describeCause } from '../../core/domain/scoring';
import { toDate } from '../../core/domain/dates';
import { fmtDateTime } from '../../core/format';
import { effectiveRule, makeEffective, type LedgerCtx } from '../_shared/ledger';
import { enqueueAll, type Notice } from '../_lib/outbox';
import { getAll, getAllRecords, getMany, getRecords } from '../_lib/query';
import { normItem, type ItemDoc } from './store';

/** how far back the timer looks for credits not yet published (a missed run is caught up) */
const LOOKBACK_DAYS = 56;
const DAY = 24 * 3600 * 1000;

export interface TimerReport { published: number; batches: number; effective: number; reminded: number }

export async function runGongshi(ctx: LedgerCtx & { now: Date }): Promise<TimerReport> {
  const { published, batches } = await publish(ctx);
  const effective = await effect(ctx);
  const reminded = await remind(ctx);
  return { published, batches, effective, reminded };
}

/** `cutoff`: credits made before it are published (default: this China-time week's Monday 00:00). */
export async function publish(
  ctx: LedgerCtx & { now: Date }, cutoff = weekStartOf(ctx.now), only?: (e: LedgerEntry) => boolean,
): Promise<{ published: number; batches: number }> {
  const _ = ctx.db.command;
  const entries = await getAll<LedgerEntry>(ctx, 'ledger', {
    createdAt: _.gte(new Date(cutoff.getTime() - LOOKBACK_DAYS * DAY)).and(_.lt(cutoff)),
    cause: _.in([...PUBLISHED_CAUSES]),
  }, ['createdAt', 'asc'], 5000);
  // a ruling's corrected credit takes the place of the item it corrects: it is not published again
  const candidates = entries.filter((e) => e.communityId && (e.pending ?? 0) !== 0 && !isCorrection(e.sourceId));
  const known = await getMany<{ _id: string }>(ctx, 'gongshiItems', candidates.map((e) => e._id));
  const fresh = candidates.filter((e) => !known.has(e._id) && (!only || only(e)));
  if (fresh.length === 0) return { published: 0, batches: 0 };

  const byCommunity = new Map<string, LedgerEntry[]>();
  for (const e of fresh) byCommunity.set(e.communityId!, [...(byCommunity.get(e.communityId!) ?? []), e]);
  const [orgs, members] = await Promise.all([
    getMany<{ _id: string; name?: string; path?: string[] }>(ctx, 'orgs', [...byCommunity.keys()]),
    getMany<{ _id: string; name?: string }>(ctx, 'members', fresh.map((e) => e.openid)),
  ]);
  const week = weekKeyOf(new Date(cutoff.getTime() - DAY));
  let batches = 0;
  for (const [communityId, list] of byCommunity) {
    const batchId = batchIdOf(communityId, week);
    const existing = (await getRecords(ctx, 'gongshiBatches', [batchId])).get(batchId);
    let batch = existing;
    if (!batch) {
      const org = orgs.get(communityId);
      const { rule, ruleId, version } = await effectiveRule(ctx, communityId, org?.path?.[0] ?? null);
      batch = {
        _id: batchId, communityId, communityName: org?.name ?? '', week, publishedAt: ctx.now,
        endsAt: addWorkingDays(ctx.now, rule.gongshiDays), days: rule.gongshiDays, ruleId, ruleVersion: version, items: 0,
      };
    }
    const endsAt = toDate(batch.endsAt) ?? ctx.now;
    // items first, then the batch: a run that dies in between leaves items a rerun completes
    for (const e of list) {
      const item: ItemDoc = {
        _id: e._id, batchId, communityId, entryId: e._id, currentEntryId: e._id, openid: e.openid,
        name: members.get(e.openid)?.name ?? '', title: describeCause(e.cause, { reason: e.reason }), amount: e.pending,
        originalAmount: null, status: 'open', at: toDate(e.at) ?? ctx.now, endsAt, objections: 0, ruling: null, effectiveAt: null, createdAt: ctx.now,
        // held (待复核) entries have nothing pending and are never here; their approval is, marked
        handMade: e.review === 'approved',
      };
      const { _id, ...data } = item;
      await ctx.db.collection('gongshiItems').doc(_id).set({ data });
    }
    const { _id, ...data } = { ...batch, items: (batch.items ?? 0) + list.length };
    await ctx.db.collection('gongshiBatches').doc(_id).set({ data });
    batches++;
    await enqueueAll(startNotices(batchId, endsAt, list), { db: ctx.db, now: ctx.now });
  }
  return { published: fresh.length, batches };
}

/** 公示 start: each member whose credits are in the batch is told once (key per batch and member). */
function startNotices(batchId: string, endsAt: Date, list: LedgerEntry[]): Notice[] {
  const sums = new Map<string, number>();
  for (const e of list) sums.set(e.openid, (sums.get(e.openid) ?? 0) + e.pending);
  return [...sums].map(([openid, amount]) => ({
    key: `gongshi-start:${batchId}:${openid}`, openid, kind: 'publicity', title: '积分进入公示',
    body: `您的 ${amount > 0 ? '+' : ''}${amount} 分已在社区公示，公示至 ${fmtDateTime(endsAt)}；期满无异议即生效。`, link: '/gongshi/list/index',
  }));
}

async function effect(ctx: LedgerCtx & { now: Date }): Promise<number> {
  const _ = ctx.db.command;
  const due = (await getAll<ItemDoc>(ctx, 'gongshiItems', { status: _.in(['open', 'ruled']), endsAt: _.lte(ctx.now) }, ['endsAt', 'asc'], 5000)).map(normItem);
  let n = 0;
  const ended = new Map<string, { openid: string; batchId: string; amount: number }>();
  for (const item of due) {
    if (!dueForEffect(item, ctx.now)) continue;
    // a frozen item is never here (status filter); a credit reversed meanwhile has nothing to make effective
    const entry = await makeEffective(ctx, item.currentEntryId, 'gongshi');
    const status = entry ? 'effective' : 'revoked';
    await ctx.db.collection('gongshiItems').doc(item._id).update({ data: { status, effectiveAt: ctx.now } });
    if (entry) {
      n++;
      ended.set(`${item.batchId}:${item.openid}`, { openid: item.openid, batchId: item.batchId, amount: (ended.get(`${item.batchId}:${item.openid}`)?.amount ?? 0) + (entry.effective ?? 0) });
    }
  }
  // 公示 end: one notice per member and batch of what became effective (a rerun finds the same key)
  await enqueueAll([...ended.values()].map((x) => ({
    key: `gongshi-end:${x.batchId}:${x.openid}`, openid: x.openid, kind: 'publicity', title: '公示期满，积分已生效',
    body: `公示期满，您的 ${x.amount > 0 ? '+' : ''}${x.amount} 分已生效，计入排名和记实档案。`, link: '/pages/points/index',
  })), { db: ctx.db, now: ctx.now });
  return n;
}

async function remind(ctx: LedgerCtx & { now: Date }): Promise<number> {
  const _ = ctx.db.command;
  const open = await getAllRecords(ctx, 'objections', { status: 'open', reminded: false, deadline: _.lte(new Date(ctx.now.getTime() + DAY)) }, ['deadline', 'asc'], 1000);
  if (open.length === 0) return 0;
  const notices: Notice[] = [];
  for (const o of open) {
    const admins = await getAll<{ openid: string }>(ctx, 'admins', { role: 'community', scopeId: o.communityId }, undefined, 50);
    for (const a of admins) {
      notices.push({
        key: `gongshi-objection-due:${o._id}:${a.openid}`, openid: a.openid, kind: 'publicity', title: '公示异议即将到期',
        body: `有一条积分公示异议需在 ${fmtDateTime(o.deadline)} 前处理（维持、调整或撤销并说明理由）。`, link: '/admin-community/gongshi/index',
      });
    }
  }
  await enqueueAll(notices, { db: ctx.db, now: ctx.now });
  for (const o of open) await ctx.db.collection('objections').doc(o._id).update({ data: { reminded: true } });
  return open.length;
}
