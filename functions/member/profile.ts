import { fail } from '../../core/contracts/errors';
import type { GrantView, ProfileView, SaveProfileInput, UnitMembership, Whoami } from '../../core/contracts/member';
import { balanceIdOf } from '../../core/domain/ledger';
import { maskOpenid } from '../../core/domain/mask';
import { yearOf } from '../../core/domain/scoring';
import { ROOT_SCOPE_NAME } from '../../core/domain/permissions';
import { grantsOf } from '../_lib/auth';
import { findOne, getRecord } from '../_lib/query';
import { assertSafeText } from '../_lib/content';
import type { Ctx } from '../_lib/router';
import { enqueueAll } from '../_lib/outbox';
import {
  count, currentReportDoc, getDoc, getMany, iso, orgNames, syncOpenReports, toReportView, unitAdminOpenids,
  type MemberDoc, type UnitDoc,
} from '../_shared/report-docs';

export function profileOf(m: MemberDoc | null): ProfileView | null {
  if (!m || !m.name) return null;
  return {
    name: m.name,
    phone: m.phone ?? '',
    branch: m.branch ?? '',
    building: m.building ?? '',
    room: m.room ?? '',
    category: m.category ?? 'in_service',
    updatedAt: iso(m.updatedAt),
  };
}

async function scopeNames(ctx: Ctx, grants: Array<{ role: string; scopeId: string }>): Promise<Map<string, string>> {
  const orgIds = grants.filter((g) => g.role !== 'unit' && g.role !== 'super').map((g) => g.scopeId);
  const unitIds = grants.filter((g) => g.role === 'unit').map((g) => g.scopeId);
  const [orgs, units] = await Promise.all([orgNames(ctx.db, orgIds), getMany<UnitDoc>(ctx.db, 'units', unitIds)]);
  const names = new Map(orgs);
  for (const [id, u] of units) names.set(id, u.name);
  return names;
}

/**
 * Who the caller is: the member document (profile, unit and its name, the current report), the admin
 * grants and the unread count — 3 round trips, plus the scope names for an admin. A member document
 * from before the unit name / current report were kept on it costs one more read for each.
 */
export async function whoami(_input: unknown, ctx: Ctx): Promise<Whoami> {
  const [member, grants, unread] = await Promise.all([
    getRecord(ctx, 'members', ctx.openid),
    grantsOf(ctx),
    count(ctx.db, 'inbox', { openid: ctx.openid, read: false }),
  ]);
  const names = await scopeNames(ctx, grants);
  const grantViews: GrantView[] = grants.map((g) => ({ role: g.role, scopeId: g.scopeId, scopeName: g.role === 'super' ? ROOT_SCOPE_NAME : names.get(g.scopeId) ?? g.scopeId }));
  let unit: UnitMembership | null = null;
  if (member?.unitId) {
    const name = member.unitName ?? (await getDoc<UnitDoc>(ctx.db, 'units', member.unitId))?.name;
    if (name) unit = { id: member.unitId, name, status: member.unitStatus ?? 'pending' };
  }
  let current: Whoami['report'] = null;
  const kept = member?.currentReport;
  if (kept) {
    current = {
      id: kept.id, status: kept.status, communityId: kept.communityId, communityName: kept.communityName || kept.communityId,
      reason: kept.reason ?? null, createdAt: iso(kept.createdAt) ?? new Date(0).toISOString(),
    };
  } else if (member && kept === undefined) {
    const report = await currentReportDoc(ctx.db, ctx.openid);
    if (report) {
      const v = toReportView(report, await orgNames(ctx.db, [report.communityId]));
      current = { id: v.id, status: v.status, communityId: v.communityId, communityName: v.communityName, reason: v.reason, createdAt: v.createdAt };
    }
  }
  return {
    openid: maskOpenid(ctx.openid),
    id: ctx.openid,
    profile: profileOf(member),
    grants: grantViews,
    report: current,
    unit,
    privacyAccepted: !!member?.privacyAt,
    unreadInbox: unread,
  };
}

export async function getProfile(_input: unknown, ctx: Ctx) {
  return { profile: profileOf(await getDoc<MemberDoc>(ctx.db, 'members', ctx.openid)) };
}

/** Fields a fresh member document starts with, so queries on them (`communityId: null`) work. */
function blankMember(now: Date): Omit<MemberDoc, '_id'> {
  return {
    unitId: null, unitName: null, unitStatus: null, communityId: null, reportId: null, reportRev: 0, currentReport: null,
    privacyAt: null, lastRemindedAt: null, createdAt: now, updatedAt: now,
  };
}

export async function saveProfile(input: Required<SaveProfileInput>, ctx: Ctx) {
  const existing = await getDoc<MemberDoc>(ctx.db, 'members', ctx.openid);
  if (!existing?.privacyAt) fail('PRIVACY_REQUIRED', '请先阅读并同意隐私保护指引');
  // names and 支部 are shown to admins and in rankings (scene 1: 资料)
  await assertSafeText(ctx.openid, { 姓名: input.name, 所在支部: input.branch }, 1);
  const patch = {
    name: input.name, phone: input.phone, branch: input.branch, building: input.building, room: input.room, category: input.category, updatedAt: ctx.now,
  };
  await ctx.db.collection('members').doc(ctx.openid).update({ data: patch });
  if (existing.name !== input.name) {
    await syncOpenReports(ctx.db, ctx.openid, { name: input.name });
    // rankings show the name kept on the balances (functions/_lib/ledger.ts post): a display field, no
    // points move; this year's and last year's by id (the years a ranking is still looked at)
    const year = yearOf(ctx.now);
    await ctx.db.collection('balances').where({ _id: ctx.db.command.in([balanceIdOf(year, ctx.openid), balanceIdOf(year - 1, ctx.openid)]) }).update({ data: { name: input.name } });
  }
  return { profile: profileOf({ ...existing, ...patch })! };
}

export async function consentPrivacy(input: { version: string }, ctx: Ctx) {
  const existing = await getDoc<MemberDoc>(ctx.db, 'members', ctx.openid);
  if (existing) {
    await ctx.db.collection('members').doc(ctx.openid).update({ data: { privacyAt: ctx.now, privacyVersion: input.version, updatedAt: ctx.now } });
  } else {
    await ctx.db.collection('members').doc(ctx.openid).set({ data: { ...blankMember(ctx.now), privacyAt: ctx.now, privacyVersion: input.version } });
  }
  return { privacyAccepted: true as const };
}

export async function joinUnit(input: { inviteCode: string }, ctx: Ctx) {
  const member = await getDoc<MemberDoc>(ctx.db, 'members', ctx.openid);
  if (!member?.name || !member.phone) fail('PROFILE_INCOMPLETE', '请先完善个人信息（姓名、手机号）再加入单位');
  const unit = await findOne(ctx, 'units', { inviteCode: input.inviteCode });
  if (!unit) fail('INVITE_INVALID', '邀请码无效，请向单位管理员确认');
  if (member.unitId === unit._id && member.unitStatus !== 'rejected') {
    fail('ALREADY_IN_UNIT', member.unitStatus === 'verified' ? '您已是该单位成员' : '您已申请加入该单位，请等待单位确认');
  }
  await ctx.db.collection('members').doc(ctx.openid).update({ data: { unitId: unit._id, unitName: unit.name, unitStatus: 'pending', updatedAt: ctx.now } });
  await syncOpenReports(ctx.db, ctx.openid, { unitId: unit._id, unitName: unit.name });
  // waits for the unit's admins: folded into their 09:00 digest
  await enqueueAll((await unitAdminOpenids(ctx.db, unit._id)).map((admin) => ({
    key: `unit-join:${unit._id}:${ctx.openid}:${ctx.now.getTime()}:${admin}`, openid: admin, digest: true,
    kind: 'unit', title: `加入单位申请：${member.name}`, body: `${member.name} 申请加入${unit.name}，请确认。`, link: '/admin-unit/members/index',
  })), { db: ctx.db, now: ctx.now });
  return { unit: { id: unit._id, name: unit.name, status: 'pending' as const } };
}

export async function leaveUnit(_input: unknown, ctx: Ctx) {
  const member = await getDoc<MemberDoc>(ctx.db, 'members', ctx.openid);
  if (!member?.unitId) fail('NOT_IN_UNIT', '您尚未加入任何单位');
  await ctx.db.collection('members').doc(ctx.openid).update({ data: { unitId: null, unitName: null, unitStatus: null, updatedAt: ctx.now } });
  await syncOpenReports(ctx.db, ctx.openid, { unitId: null, unitName: null });
  return { unit: null };
}
