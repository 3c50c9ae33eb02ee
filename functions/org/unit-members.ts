import { randomInt } from 'node:crypto';
import { fail } from '../../core/contracts/errors';
import type { UnitMemberView } from '../../core/contracts/org';
import { maskPhone } from '../../core/domain/mask';
import { requireUnitAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { enqueue } from '../_lib/outbox';
import { findMany, findPage } from '../_lib/query';
import { count, escapeRegExp, getDoc, getMany, iso, loadUnit, syncOpenReports, type MemberDoc, type OrgDoc, type ReportDoc, type UnitDoc } from '../_shared/report-docs';

// no 0/O, 1/I: codes are read aloud and typed by hand
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

export async function unitInvite(input: { unitId: string; regenerate: boolean }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  const unit = await loadUnit(ctx.db, input.unitId);
  if (unit.inviteCode && !input.regenerate) return { unitId: unit._id, unitName: unit.name, inviteCode: unit.inviteCode };
  for (let i = 0; i < 5; i++) {
    const code = newCode();
    if (await count(ctx.db, 'units', { inviteCode: code })) continue;
    await ctx.db.collection('units').doc(unit._id).update({ data: { inviteCode: code } });
    return { unitId: unit._id, unitName: unit.name, inviteCode: code };
  }
  fail('CONFLICT', '生成邀请码失败，请重试');
}

async function views(ctx: Ctx, members: MemberDoc[]): Promise<UnitMemberView[]> {
  const _ = ctx.db.command;
  const openids = members.map((m) => m._id);
  const reports = openids.length
    ? await findMany(ctx, 'reports', { openid: _.in(openids), status: _.neq('closed') }, { orderBy: ['createdAt', 'desc'] })
    : [];
  const latest = new Map<string, ReportDoc>();
  for (const r of reports) if (!latest.has(r.openid)) latest.set(r.openid, r);
  const orgs = await getMany<OrgDoc>(ctx.db, 'orgs', [...members.map((m) => m.communityId), ...reports.map((r) => r.communityId)]);
  return members.map((m) => {
    const r = latest.get(m._id);
    // an approved report (member.communityId) counts as reported even while a move waits
    const status = m.communityId ? ('approved' as const) : r?.status ?? null;
    const communityId = m.communityId ?? r?.communityId ?? null;
    return {
      // lists mask phones; the full number is one member at a time through org.revealPhone (audited)
      openid: m._id, name: m.name ?? '', phone: maskPhone(m.phone), branch: m.branch ?? '', category: m.category ?? 'in_service',
      unitStatus: m.unitStatus ?? 'pending', reportStatus: status, communityId,
      communityName: communityId ? orgs.get(communityId)?.name ?? null : null, lastRemindedAt: iso(m.lastRemindedAt),
    };
  });
}

export async function unitMembers(input: { unitId: string; unitStatus?: 'pending' | 'verified' | 'rejected'; reported?: boolean; q?: string; page: number; pageSize: number }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { unitId: input.unitId, unitStatus: input.unitStatus ?? _.in(['pending', 'verified']) };
  if (input.reported === true) where.communityId = _.neq(null);
  if (input.reported === false) where.communityId = null;
  if (input.q) where.name = ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
  const res = await findPage(ctx, 'members', where, { orderBy: ['name', 'asc'], page: input.page, pageSize: input.pageSize });
  return { items: await views(ctx, res.items), total: res.total, page: input.page, pageSize: input.pageSize };
}

export async function confirmMember(input: { unitId: string; openid: string; decision: 'verify' | 'reject' }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  const member = await getDoc<MemberDoc>(ctx.db, 'members', input.openid);
  if (!member || member.unitId !== input.unitId) fail('MEMBER_NOT_FOUND', '该党员未申请加入本单位');
  const unitStatus = input.decision === 'verify' ? 'verified' : 'rejected';
  // conditional on still belonging to this unit: a member who left meanwhile is not touched
  const res = (await ctx.db.collection('members').where({ _id: input.openid, unitId: input.unitId }).update({ data: { unitStatus, updatedAt: ctx.now } })) as { stats?: { updated?: number } };
  if (!res.stats?.updated) fail('MEMBER_NOT_FOUND', '该党员未申请加入本单位');
  const unit = (await getDoc<UnitDoc>(ctx.db, 'units', input.unitId))!;
  if (unitStatus === 'verified') await syncOpenReports(ctx.db, input.openid, { unitId: unit._id, unitName: unit.name });
  await enqueue({
    key: `unit-decision:${input.unitId}:${input.openid}:${unitStatus}:${ctx.now.getTime()}`, openid: input.openid,
    kind: 'unit', title: unitStatus === 'verified' ? '单位已确认您的身份' : '单位未通过您的加入申请',
    body: unitStatus === 'verified' ? `您已成为${unit.name}的成员。` : `${unit.name}未确认您的加入申请，如有疑问请联系单位党组织。`, link: '/pages/mine/index',
  }, { db: ctx.db, now: ctx.now });
  return { member: (await views(ctx, [{ ...member, unitStatus }]))[0] };
}
