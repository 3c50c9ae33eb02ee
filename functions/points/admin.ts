import type { OutputOf, ParsedInputOf } from '../../core/contracts/envelope';
import { rows, countOf } from '../_lib/query';
import { fail } from '../../core/contracts/errors';
import type { pointsContract } from '../../core/contracts/points';
import { balanceIdOf, type Balance } from '../../core/domain/ledger';
import { maskPhone } from '../../core/domain/mask';
import { yearOf } from '../../core/domain/scoring';
import { grantsOf, requireCommunityAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { adjust as ledgerAdjust, getDoc, reverse as ledgerReverse } from '../_shared/ledger';
import { entriesPage, toEntryDto } from './dto';

type C = typeof pointsContract;
interface MemberDoc { _id: string; name?: string; phone?: string; communityId?: string | null }

/** The member, who must have reported to a community; the caller must administer that community. */
async function memberInMyCommunity(ctx: Ctx, openid: string): Promise<MemberDoc & { communityId: string }> {
  const member = await getDoc<MemberDoc>(ctx, 'members', openid);
  if (!member) fail('MEMBER_NOT_FOUND', '未找到该党员');
  if (!member.communityId) fail('NOT_REPORTED', '该党员尚未报到到社区，不能调整积分');
  await requireCommunityAdmin(ctx, member.communityId);
  return member as MemberDoc & { communityId: string };
}

async function pointsNow(ctx: Ctx, year: number, openid: string): Promise<number> {
  return (await getDoc<Balance>(ctx, 'balances', balanceIdOf(year, openid)))?.points ?? 0;
}

/** A random id for an adjustment whose client did not send one (no retry protection then). */
function newRequestId(now: Date): string {
  return `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export async function adjust(input: ParsedInputOf<C, 'adjust'>, ctx: Ctx): Promise<OutputOf<C, 'adjust'>> {
  if (input.openid === ctx.openid) fail('FORBIDDEN', '不能调整自己的积分');
  const member = await memberInMyCommunity(ctx, input.openid);
  const { entry, created, held } = await ledgerAdjust(ctx, {
    openid: member._id, amount: input.amount, reason: input.reason, actor: ctx.openid,
    requestId: input.requestId ?? newRequestId(ctx.now), communityId: member.communityId,
  });
  return { entry: toEntryDto(entry, new Set()), created, held, points: await pointsNow(ctx, entry.year, entry.openid) };
}

export async function reverse(input: ParsedInputOf<C, 'reverse'>, ctx: Ctx): Promise<OutputOf<C, 'reverse'>> {
  const entry = await ledgerReverse(ctx, { entryId: input.entryId, reason: input.reason, actor: ctx.openid }, async (original) => {
    if (original.openid === ctx.openid) fail('FORBIDDEN', '不能冲正自己的积分');
    // the community where the entry was earned decides; entries without one fall back to the member's community
    const communityId = original.communityId ?? (await getDoc<MemberDoc>(ctx, 'members', original.openid))?.communityId;
    if (!communityId) fail('NOT_REPORTED', '该党员尚未报到到社区');
    await requireCommunityAdmin(ctx, communityId);
  });
  return { entry: toEntryDto(entry, new Set()), points: await pointsNow(ctx, entry.year, entry.openid) };
}


function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function communityMembers(input: ParsedInputOf<C, 'communityMembers'>, ctx: Ctx): Promise<OutputOf<C, 'communityMembers'>> {
  let communityId = input.communityId;
  if (!communityId) {
    const grants = await grantsOf(ctx);
    communityId = grants.find((g) => g.role === 'community')?.scopeId;
    if (!communityId) fail('FORBIDDEN', '请先选择要管理的社区');
  }
  await requireCommunityAdmin(ctx, communityId);
  const where: Record<string, unknown> = { communityId };
  if (input.keyword) where.name = ctx.db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' });
  const coll = ctx.db.collection('members');
  const { page, pageSize } = input;
  const [res, count] = await Promise.all([
    rows<MemberDoc>(coll.where(where).orderBy('name', 'asc').skip((page - 1) * pageSize).limit(pageSize).field({ name: true, phone: true })).then((data) => ({ data })),
    countOf(coll.where(where)).then((total) => ({ total })),
  ]);
  const year = yearOf(ctx.now);
  const points = new Map<string, number>();
  if (res.data.length) {
    const _ = ctx.db.command;
    const b = { data: await rows<Balance>(ctx.db.collection('balances').where({ _id: _.in(res.data.map((m) => balanceIdOf(year, m._id))) }).field({ openid: true, points: true }).limit(100)) };
    for (const d of b.data) points.set(d.openid, d.points);
  }
  const items = await Promise.all(res.data.map(async (m) => ({ openid: m._id, name: m.name ?? '', phone: maskPhone(m.phone) /* full only via org.revealPhone (audited) */, points: points.get(m._id) ?? 0 })));
  return { items, total: count.total, page, pageSize, communityId };
}

export async function memberLedger(input: ParsedInputOf<C, 'memberLedger'>, ctx: Ctx): Promise<OutputOf<C, 'memberLedger'>> {
  const member = await memberInMyCommunity(ctx, input.openid);
  const year = input.year ?? yearOf(ctx.now);
  const [page, bal] = await Promise.all([
    entriesPage(ctx, member._id, year, input.page, input.pageSize),
    getDoc<Balance>(ctx, 'balances', balanceIdOf(year, member._id)),
  ]);
  return {
    ...page,
    member: { openid: member._id, name: member.name ?? '', phone: maskPhone(member.phone), communityId: member.communityId },
    year,
    points: bal?.points ?? 0,
    minutes: bal?.minutes ?? 0,
  };
}
