import { fail } from '../../core/contracts/errors';
import { rows, updateWhere } from '../_lib/query';
import type { ReportAdminView, RosterItem } from '../../core/contracts/report';
import { maskPhone } from '../../core/domain/mask';
import { assertTransition, nextCurrent } from '../../core/domain/report';
import { requireAdmin, requireCommunityAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { enqueue } from '../_lib/outbox';
import { closeMovedFrom, placeMember } from '../_shared/report-approval';
import {
  count, escapeRegExp, getDoc, getMany, iso, orgNames, transaction, txGet, txUpdate,
  type MemberDoc, type ReportDoc, type UnitDoc,
} from '../_shared/report-docs';

/** Admin views of reports; `known` members (read already, e.g. in the approval's transaction) are not read again. */
async function adminViews(ctx: Ctx, reports: ReportDoc[], known: Map<string, MemberDoc> = new Map()): Promise<ReportAdminView[]> {
  const members = new Map([...await getMany<MemberDoc>(ctx.db, 'members', reports.map((r) => r.openid).filter((id) => !known.has(id))), ...known]);
  // a member document keeps its unit's name beside the unit (joinUnit): only older ones need the unit read
  const units = await getMany<UnitDoc>(ctx.db, 'units', [...members.values()].filter((m) => m.unitName == null).map((m) => m.unitId));
  // a report keeps the name of the community moved from (submit): only older ones read it
  const moveFrom = await getMany<ReportDoc>(ctx.db, 'reports', reports.filter((r) => r.moveFromName == null).map((r) => r.moveFrom));
  const names = await orgNames(ctx.db, [...moveFrom.values()].map((r) => r.communityId));
  return reports.map((r) => {
    const m = members.get(r.openid);
    const unitId = m?.unitId ?? null;
    const from = r.moveFrom ? moveFrom.get(r.moveFrom) : undefined;
    return {
      id: r._id,
      openid: r.openid,
      status: r.status,
      name: m?.name ?? r.name ?? '',
      // lists mask phones for everyone; the full number is one member at a time through org.revealPhone (audited)
      phone: maskPhone(m?.phone),
      category: m?.category ?? 'in_service',
      building: m?.building ?? '',
      room: m?.room ?? '',
      branch: m?.branch ?? '',
      unitId,
      unitName: unitId ? m?.unitName ?? units.get(unitId)?.name ?? null : null,
      unitStatus: unitId ? m?.unitStatus ?? 'pending' : null,
      moveFromName: r.moveFrom ? r.moveFromName ?? (from ? names.get(from.communityId) ?? from.communityId : null) : null,
      reason: r.reason ?? null,
      createdAt: iso(r.createdAt) ?? '',
      decidedAt: iso(r.decidedAt),
    };
  });
}

export async function pending(input: { communityId: string; page: number; pageSize: number }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId, status: 'pending' };
  const [res, total] = await Promise.all([
    rows<ReportDoc>(ctx.db.collection('reports').where(where).orderBy('createdAt', 'asc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)).then((data) => ({ data })),
    count(ctx.db, 'reports', where),
  ]);
  return { items: await adminViews(ctx, res.data), total, page: input.page, pageSize: input.pageSize };
}

async function loadForDecision(ctx: Ctx, reportId: string): Promise<ReportDoc> {
  const report = await getDoc<ReportDoc>(ctx.db, 'reports', reportId);
  if (!report) fail('REPORT_NOT_FOUND', '未找到该报到申请');
  // scope check before anything else: an admin of another community learns nothing more. A report
  // keeps its community's street and district from its submission; an older one reads the community.
  if (report.districtId && report.streetId) await requireAdmin(ctx, 'community', { communityId: report.communityId, streetId: report.streetId, districtId: report.districtId });
  else await requireCommunityAdmin(ctx, report.communityId);
  return report;
}

/** The approval's answer; `followUp`: whether its notices and points are still to come (the timer, within a minute). */
async function approvedView(ctx: Ctx, r: ReportDoc, first: boolean) {
  await closeMovedFrom(ctx, r);
  const member = await placeMember(ctx, r, first);
  const known = member ? new Map([[member._id, member]]) : undefined;
  return { report: (await adminViews(ctx, [{ ...r, unitId: member?.unitId ?? r.unitId }], known))[0], followUp: r.followUp ? 'queued' as const : 'done' as const };
}

/**
 * Approving: ONE conditional write on the report (`{ _id, status: 'pending' }`) chooses the one
 * approver — no transaction — and marks it for its follow-up; the member is placed at once, the
 * notices and the credit come from the report timer (functions/_shared/report-approval.ts). A
 * concurrent approval that lost finds it approved and answers as a repeat; a concurrent rejection
 * that won leaves REPORT_STATE. 5 round trips: report, grants, the write, member read and write
 * (a move: 6, the report moved from is closed at once too).
 */
export async function approve(input: { reportId: string }, ctx: Ctx) {
  let report = await loadForDecision(ctx, input.reportId);
  // approving credits points: never one's own (as points `adjust`)
  if (report.openid === ctx.openid) fail('FORBIDDEN', '不能审核自己的报到申请，请由其他管理员审核');
  if (report.status === 'pending') {
    const decided = { status: 'approved' as const, decidedAt: ctx.now, decidedBy: ctx.openid, reason: null, followUp: true, followUpAt: ctx.now };
    if (await updateWhere(ctx.db, 'reports', { _id: report._id, status: 'pending' }, decided)) return approvedView(ctx, { ...report, ...decided }, true);
    // decided meanwhile by someone else: read again only to choose the answer
    report = await getDoc<ReportDoc>(ctx.db, 'reports', report._id) ?? report;
  }
  // a repeat (or the loser of a race) places the member if a crash left it undone; the follow-up is the timer's
  if (report.status === 'approved') return approvedView(ctx, report, false);
  assertTransition(report.status, 'approved');
  return fail('REPORT_STATE', '该报到申请已处理，请刷新');
}

export async function reject(input: { reportId: string; reason: string }, ctx: Ctx) {
  const report = await loadForDecision(ctx, input.reportId);
  assertTransition(report.status, 'rejected');
  const names = await orgNames(ctx.db, [report.communityId]);
  const rejected = await transaction(ctx.db, async (tx) => {
    const r = await txGet(tx, 'reports', report._id);
    if (!r || r.status !== 'pending') fail('REPORT_STATE', '该报到申请已处理，请刷新');
    const m = await txGet(tx, 'members', r.openid);
    await txUpdate(tx, 'reports', report._id, { status: 'rejected', reason: input.reason, decidedAt: ctx.now, decidedBy: ctx.openid });
    const current = nextCurrent(m, { id: report._id, status: 'rejected', communityId: r.communityId, communityName: names.get(r.communityId) ?? '', reason: input.reason, createdAt: r.createdAt });
    if (m) await txUpdate(tx, 'members', r.openid, { reportRev: (m.reportRev ?? 0) + 1, updatedAt: ctx.now, ...(current ? { currentReport: current } : {}) });
    return { ...r, _id: report._id, status: 'rejected' as const, reason: input.reason, decidedAt: ctx.now };
  });
  await enqueue({
    key: `report-result:${report._id}`, openid: rejected.openid, kind: 'report', title: '报到未通过', body: `${names.get(rejected.communityId) ?? ''}未通过您的报到申请：${input.reason}`, link: '/pages/report/index',
    values: { place: names.get(rejected.communityId) || '居住社区', status: '未通过' },
  }, { db: ctx.db, now: ctx.now });
  return { report: (await adminViews(ctx, [rejected]))[0] };
}

export async function roster(input: { communityId: string; q?: string; status?: ReportDoc['status']; unitId?: string; gridId?: string; page: number; pageSize: number }, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { communityId: input.communityId, status: input.status ?? _.in(['pending', 'approved']) };
  if (input.unitId) where.unitId = input.unitId;
  if (input.gridId) where.gridId = input.gridId;
  if (input.q) where.name = ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
  const [res, total] = await Promise.all([
    rows<ReportDoc>(ctx.db.collection('reports').where(where).orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)).then((data) => ({ data })),
    count(ctx.db, 'reports', where),
  ]);
  const views = await adminViews(ctx, res.data);
  const items: RosterItem[] = views.map((v) => ({
    reportId: v.id, openid: v.openid, name: v.name, phone: v.phone, status: v.status, unitId: v.unitId, unitName: v.unitName,
    building: v.building, room: v.room, category: v.category, createdAt: v.createdAt, decidedAt: v.decidedAt,
    gridId: res.data.find((r) => r._id === v.id)?.gridId ?? null,
  }));
  return { items, total, page: input.page, pageSize: input.pageSize };
}
