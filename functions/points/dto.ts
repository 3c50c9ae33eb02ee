import type { EntryDto } from '../../core/contracts/points';
import { z } from 'zod';
import { rows, countOf, findManyAs } from '../_lib/query';
import type { LedgerEntry } from '../../core/domain/ledger';
import { approvalIdOf, rejectionIdOf, reversalIdOf } from '../../core/domain/ledger';
import { describeCause } from '../../core/domain/scoring';
import { SPEND_CAUSES } from '../../core/domain/redeem';
import type { LedgerCtx } from '../_shared/ledger';

/** Dates come back from the SDK as Date; tolerate strings and EJSON-ish objects too. */
export function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'string' || typeof v === 'number') return new Date(v).toISOString();
  if (v && typeof v === 'object' && '$date' in v) return new Date((v as { $date: string | number }).$date).toISOString();
  return new Date(0).toISOString();
}

/** how a hand-made entry is marked wherever it is listed */
export function reviewMark(e: Pick<LedgerEntry, 'review'>, decided: 'approved' | 'rejected' | null = null): string {
  if (e.review === 'held') return decided === 'approved' ? '手工录入 · 已提交复核（已通过）' : decided === 'rejected' ? '手工录入 · 已提交复核（已驳回）' : '手工录入 · 待复核';
  if (e.review === 'approved') return '手工录入 · 已复核';
  if (e.review === 'rejected') return '手工录入 · 复核驳回';
  return '';
}

export function toEntryDto(e: LedgerEntry, reversed: Set<string>, decided: Map<string, 'approved' | 'rejected'> = new Map()): EntryDto {
  const mark = reviewMark(e, decided.get(e._id) ?? null);
  const title = describeCause(e.cause, { reason: e.review === 'rejected' ? null : e.reason, cappedBy: e.cappedBy });
  return {
    id: e._id,
    year: e.year,
    amount: e.amount,
    minutes: e.minutes,
    cause: e.cause,
    title: mark ? `${title}（${mark}）` : title,
    reason: e.reason ?? null,
    sourceId: e.sourceId,
    reverses: e.reverses ?? null,
    reversed: reversed.has(e._id),
    ruleId: e.ruleId ?? null,
    ruleVersion: e.ruleVersion ?? null,
    at: iso(e.at),
    createdAt: iso(e.createdAt),
    review: e.review ?? null,
    heldAmount: e.held?.amount ?? null,
    decided: decided.get(e._id) ?? null,
  };
}

const idOnly = z.object({ _id: z.string() });

/** The outcome of the held entries of a page: one query for their approval / rejection ids (none without held entries). */
export async function decidedAmong(ctx: LedgerCtx, entries: LedgerEntry[]): Promise<Map<string, 'approved' | 'rejected'>> {
  const held = entries.filter((e) => e.review === 'held');
  if (held.length === 0) return new Map();
  const _ = ctx.db.command;
  const ids = held.flatMap((e) => [approvalIdOf(e._id), rejectionIdOf(e._id)]);
  const found = await findManyAs(ctx.db, 'ledger', idOnly, { _id: _.in(ids) }, { field: { _id: true }, limit: 100 });
  const out = new Map<string, 'approved' | 'rejected'>();
  for (const d of found) {
    if (d._id.startsWith('approve:')) out.set(d._id.slice('approve:'.length), 'approved');
    else if (d._id.startsWith('reject:')) out.set(d._id.slice('reject:'.length), 'rejected');
  }
  return out;
}

/** Which of `entries` have been reversed: one query for the reversal ids of the page. */
export async function reversedAmong(ctx: LedgerCtx, entries: LedgerEntry[]): Promise<Set<string>> {
  const ids = entries.filter((e) => e.cause !== 'reversal').map((e) => reversalIdOf(e._id));
  if (ids.length === 0) return new Set();
  const _ = ctx.db.command;
  const res = { data: await rows<{ reverses: string }>(ctx.db.collection('ledger').where({ _id: _.in(ids) }).field({ reverses: true }).limit(100)) };
  return new Set(res.data.map((r) => r.reverses));
}

/** A page of a member's entries for one year, newest first by when they happened (the time shown), then by when written (index `member`: openid, year, at desc, createdAt desc). */
export async function entriesPage(ctx: LedgerCtx, openid: string, year: number, page: number, pageSize: number) {
  const coll = ctx.db.collection('ledger');
  // an `effect` entry only moves points from pending to effective, and the 可兑换分 entries
  // (earn/spend/refund/expire) belong to 积分商城 / 我的兑换: all amount 0, none a line of 积分明细
  const where = { openid, year, cause: ctx.db.command.nin(['effect', ...SPEND_CAUSES]) };
  const [res, count] = await Promise.all([
    rows<LedgerEntry>(coll.where(where).orderBy('at', 'desc').orderBy('createdAt', 'desc').skip((page - 1) * pageSize).limit(pageSize)).then((data) => ({ data })),
    countOf(coll.where(where)).then((total) => ({ total })),
  ]);
  const [reversed, decided] = await Promise.all([reversedAmong(ctx, res.data), decidedAmong(ctx, res.data)]);
  return { items: res.data.map((e) => toEntryDto(e, reversed, decided)), total: count.total, page, pageSize };
}

export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;
