import { fail } from '../../core/contracts/errors';
import { rows } from '../_lib/query';
import { assertProfileComplete, assertTransition, missingProfileFields, nextCurrent, pickCurrent, planSubmit, relationTo } from '../../core/domain/report';
import { parseScene } from '../../core/domain/scene';
import { once } from '../_lib/once';
import type { Ctx } from '../_lib/router';
import { enqueueAll } from '../_lib/outbox';
import {
  communityAdminOpenids, getDoc, loadCommunity, newId, openReports, orgNames, toReportView, transaction, txGet, txSet, txUpdate,
  type MemberDoc, type ReportDoc, type UnitDoc,
} from '../_shared/report-docs';

/** Domain view of the open reports (pure rules know ids, not `_id`). */
function likeOf(open: { pending: ReportDoc | null; approved: ReportDoc | null }) {
  const like = (r: ReportDoc | null) => (r ? { id: r._id, status: r.status, communityId: r.communityId } : null);
  return { pending: like(open.pending), approved: like(open.approved) };
}

export async function resolveScene(input: { scene: string }, ctx: Ctx) {
  const scene = parseScene(input.scene);
  if (!scene) fail('SCENE_INVALID', '二维码无效或已损坏，请重新扫描社区报到码');
  const community = await loadCommunity(ctx.db, scene.communityId);
  const [member, open] = await Promise.all([getDoc<MemberDoc>(ctx.db, 'members', ctx.openid), openReports(ctx.db, ctx.openid)]);
  const shown = open.pending ?? open.approved;
  const names = await orgNames(ctx.db, [community.parentId, shown?.communityId]);
  return {
    community: { id: community._id, name: community.name, streetName: (community.parentId && names.get(community.parentId)) || '', address: community.address ?? '' },
    current: shown ? toReportView(shown, names) : null,
    relation: relationTo(likeOf(open), community._id),
    profileComplete: missingProfileFields(member).length === 0,
  };
}

export async function submit(input: { communityId: string; confirmMove: boolean; requestId?: string }, ctx: Ctx) {
  // a double tap of 提交报到 answers the first submission (functions/_lib/once.ts)
  const made = await once(ctx, 'report', input.requestId, {
    prepare: async () => {
      const member = await getDoc<MemberDoc>(ctx.db, 'members', ctx.openid);
      assertProfileComplete(member);
      const community = await loadCommunity(ctx.db, input.communityId);
      const open = await openReports(ctx.db, ctx.openid);
      const plan = planSubmit(likeOf(open), community._id, input.confirmMove);
      const unit = member!.unitId ? await getDoc<UnitDoc>(ctx.db, 'units', member!.unitId) : null;
      // the community moved from, by name, so approving a move reads nothing more to show it
      const moveFromName = plan.moveFrom ? open.approved?.communityName ?? (await orgNames(ctx.db, [open.approved?.communityId])).get(open.approved?.communityId ?? '') ?? null : null;
      return { member: member!, community, plan, unit, moveFromName, names: await orgNames(ctx.db, [community._id]) };
    },
    create: async (tx, { member, community, plan, unit, moveFromName, names }) => {
      const rev = member.reportRev ?? 0;
      const [districtId, streetId] = community.path ?? [];
      const report: ReportDoc = {
        _id: newId('r'),
        openid: ctx.openid,
        communityId: community._id,
        communityName: community.name,
        streetId: streetId ?? null,
        districtId: districtId ?? null,
        unitId: unit?._id ?? null,
        unitName: unit?.name ?? null,
        name: member.name,
        status: 'pending',
        reason: null,
        moveFrom: plan.moveFrom?.id ?? null,
        moveFromName,
        movedTo: null,
        createdAt: ctx.now,
        decidedAt: null,
        decidedBy: null,
        closedAt: null,
      };
      // the member's report revision serialises concurrent submits: the second one sees a changed rev
      const m = await txGet(tx, 'members', ctx.openid);
      if (!m || (m.reportRev ?? 0) !== rev) fail('CONFLICT', '报到状态已变化，请刷新后重试');
      if (plan.replacePending) {
        const old = await txGet(tx, 'reports', plan.replacePending.id);
        if (!old || old.status !== 'pending') fail('CONFLICT', '报到状态已变化，请刷新后重试');
        await txUpdate(tx, 'reports', plan.replacePending.id, { status: 'closed', movedTo: community._id, closedAt: ctx.now });
      }
      await txSet(tx, 'reports', report._id, report);
      const current = nextCurrent(m, { id: report._id, status: 'pending', communityId: community._id, communityName: community.name, reason: null, createdAt: ctx.now });
      await txUpdate(tx, 'members', ctx.openid, { reportRev: rev + 1, updatedAt: ctx.now, ...(current ? { currentReport: current } : {}) });
      return { id: report._id, answer: { report: toReportView(report, names), name: member.name } };
    },
  });
  if (!made.replayed) {
    const { report, name } = made.answer;
    // waits for the admins: folded into their 09:00 digest instead of one message per report
    await enqueueAll((await communityAdminOpenids(ctx.db, report.communityId)).map((admin) => ({
      key: `report-pending:${report.id}:${admin}`, openid: admin, digest: true,
      kind: 'report', title: `新的报到申请：${name}`, body: `${name}${report.moveFrom ? '（由其他社区迁入）' : ''}申请到${report.communityName}报到，请审核。`, link: '/admin-community/reports/index',
    })), { db: ctx.db, now: ctx.now });
  }
  return { report: made.answer.report };
}

export async function withdraw(input: { reportId: string }, ctx: Ctx) {
  const report = await getDoc<ReportDoc>(ctx.db, 'reports', input.reportId);
  if (!report || report.openid !== ctx.openid) fail('REPORT_NOT_FOUND', '未找到该报到申请');
  assertTransition(report.status, 'withdrawn');
  const names = await orgNames(ctx.db, [report.communityId]);
  const done = await transaction(ctx.db, async (tx) => {
    const r = await txGet(tx, 'reports', report._id);
    if (!r || r.status !== 'pending') fail('REPORT_STATE', '该报到申请已处理，不能撤回');
    const m = await txGet(tx, 'members', ctx.openid);
    await txUpdate(tx, 'reports', r._id, { status: 'withdrawn', closedAt: ctx.now });
    const current = nextCurrent(m, { id: r._id, status: 'withdrawn', communityId: r.communityId, communityName: names.get(r.communityId) ?? '', reason: r.reason, createdAt: r.createdAt });
    if (m) await txUpdate(tx, 'members', ctx.openid, { reportRev: (m.reportRev ?? 0) + 1, updatedAt: ctx.now, ...(current ? { currentReport: current } : {}) });
    return { ...r, _id: report._id, status: 'withdrawn' as const, closedAt: ctx.now };
  });
  return { report: toReportView(done, names) };
}

export async function mine(_input: unknown, ctx: Ctx) {
  const res = { data: await rows<ReportDoc>(ctx.db.collection('reports').where({ openid: ctx.openid }).orderBy('createdAt', 'desc').limit(50)) };
  const names = await orgNames(ctx.db, res.data.flatMap((r) => [r.communityId, r.movedTo]));
  const history = res.data.map((r) => toReportView(r, names));
  return { current: pickCurrent(history), history };
}
