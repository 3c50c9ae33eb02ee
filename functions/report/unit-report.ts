import { fail } from '../../core/contracts/errors';
import { rows } from '../_lib/query';
import type { UnitReportRecord } from '../../core/db/records';
import type { Agreement, ResourceItem, UnitReportView } from '../../core/contracts/report';
import { chinaDay } from '../../core/domain/report';
import { assertCanDecideUnitReport, assertCanSubmitUnitReport, type UnitReportStatus } from '../../core/domain/unit-report';
import { canAdmin } from '../../core/domain/permissions';
import { grantsOf, requireCommunityAdmin, requireUnitAdmin } from '../_lib/auth';
import { once } from '../_lib/once';
import { assertSafeText } from '../_lib/content';
import type { Ctx } from '../_lib/router';
import { enqueueAll } from '../_lib/outbox';
import {
  communityAdminOpenids, count, getDoc, iso, loadUnit, newId, orgNames, txGet, txSet, txUpdate, unitAdminOpenids,
} from '../_shared/report-docs';

type UnitReportDoc = UnitReportRecord;

function view(d: UnitReportDoc, names: Map<string, string>): UnitReportView {
  return {
    id: d._id, unitId: d.unitId, unitName: d.unitName, communityId: d.communityId, communityName: names.get(d.communityId) ?? d.communityId,
    status: d.status, resources: d.resources, agreement: d.agreement, reason: d.reason ?? null, createdAt: iso(d.createdAt) ?? '', decidedAt: iso(d.decidedAt),
  };
}

export async function submitUnitReport(input: { unitId: string; resources: ResourceItem[]; agreement: Agreement; requestId?: string }, ctx: Ctx) {
  await requireUnitAdmin(ctx, input.unitId);
  // the community reads the resource list and agreement (scene 3)
  await assertSafeText(ctx.openid, {
    ...Object.fromEntries(input.resources.flatMap((r, i) => [[`资源${i + 1}名称`, r.title], [`资源${i + 1}说明`, r.detail]])),
    ...Object.fromEntries(input.agreement.commitments.map((c, i) => [`共建承诺${i + 1}`, c])),
  }, 3);
  // a double tap answers the first submission instead of "已提交，等待审核" (functions/_lib/once.ts)
  const made = await once(ctx, 'unitReport', input.requestId, {
    prepare: async () => {
      const unit = await loadUnit(ctx.db, input.unitId);
      const latest = { data: await rows<UnitReportDoc>(ctx.db.collection('unitReports').where({ unitId: unit._id }).orderBy('createdAt', 'desc').limit(1)) };
      assertCanSubmitUnitReport(latest.data[0] ?? null, chinaDay(ctx.now));
      return { unit, names: await orgNames(ctx.db, [unit.communityId]) };
    },
    create: async (tx, { unit, names }) => {
      const rev = unit.reportRev ?? 0;
      const doc: UnitReportDoc = {
        _id: newId('u'), unitId: unit._id, unitName: unit.name, communityId: unit.communityId, streetId: unit.streetId ?? null, districtId: unit.districtId ?? null,
        status: 'pending', resources: input.resources, agreement: input.agreement, reason: null, createdAt: ctx.now, submittedBy: ctx.openid, decidedAt: null, decidedBy: null,
      };
      // the unit's revision makes two simultaneous submissions produce one report
      const u = await txGet(tx, 'units', unit._id);
      if (!u || (u.reportRev ?? 0) !== rev) fail('CONFLICT', '报到状态已变化，请刷新后重试');
      await txSet(tx, 'unitReports', doc._id, doc);
      await txUpdate(tx, 'units', unit._id, { reportRev: rev + 1 });
      return { id: doc._id, answer: { unitReport: view(doc, names), unitName: unit.name } };
    },
  });
  if (!made.replayed) {
    const { unitReport, unitName } = made.answer;
    // waits for the admins: folded into their 09:00 digest
    await enqueueAll((await communityAdminOpenids(ctx.db, unitReport.communityId)).map((admin) => ({
      key: `unit-report-pending:${unitReport.id}:${admin}`, openid: admin, digest: true,
      kind: 'unitReport', title: `新的单位报到申请：${unitName}`, body: `${unitName} 申请到本社区报到，并提交了资源清单和共建协议，请审核。`, link: '/admin-community/unit-reports/index',
    })), { db: ctx.db, now: ctx.now });
  }
  return { unitReport: made.answer.unitReport };
}

export async function unitReports(input: { communityId?: string; unitId?: string; status?: UnitReportStatus; page: number; pageSize: number }, ctx: Ctx) {
  const where: Record<string, unknown> = {};
  if (input.communityId) {
    await requireCommunityAdmin(ctx, input.communityId);
    where.communityId = input.communityId;
  } else {
    const unit = await loadUnit(ctx.db, input.unitId!);
    const grants = await grantsOf(ctx);
    const place = { unitId: unit._id, communityId: unit.communityId, streetId: unit.streetId ?? undefined, districtId: unit.districtId ?? undefined };
    // the unit itself, or the community it reports to (and the territory above)
    if (!canAdmin(grants, 'unit', place) && !canAdmin(grants, 'community', place)) {
      fail(grants.length ? 'OUT_OF_SCOPE' : 'FORBIDDEN', grants.length ? '只能管理本单位或本社区的事项' : '您没有权限进行此操作');
    }
    where.unitId = unit._id;
  }
  if (input.status) where.status = input.status;
  const [res, total] = await Promise.all([
    rows<UnitReportDoc>(ctx.db.collection('unitReports').where(where).orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)).then((data) => ({ data })),
    count(ctx.db, 'unitReports', where),
  ]);
  const names = await orgNames(ctx.db, res.data.map((d) => d.communityId));
  return { items: res.data.map((d) => view(d, names)), total, page: input.page, pageSize: input.pageSize };
}

export async function decideUnitReport(input: { id: string; decision: 'approve' | 'reject'; reason?: string }, ctx: Ctx) {
  const doc = await getDoc<UnitReportDoc>(ctx.db, 'unitReports', input.id);
  if (!doc) fail('REPORT_NOT_FOUND', '未找到该单位报到申请');
  await requireCommunityAdmin(ctx, doc.communityId);
  assertCanDecideUnitReport(doc.status);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const patch = { status, reason: input.decision === 'reject' ? input.reason ?? '' : null, decidedAt: ctx.now, decidedBy: ctx.openid };
  // conditional single-document update: of two simultaneous decisions only one matches `pending`
  const res = (await ctx.db.collection('unitReports').where({ _id: doc._id, status: 'pending' }).update({ data: patch })) as { stats?: { updated?: number } };
  if (!res.stats?.updated) fail('REPORT_STATE', '该报到申请已处理，不能重复操作');
  const decided = { ...doc, ...patch } as UnitReportDoc;
  const names = await orgNames(ctx.db, [doc.communityId]);
  await enqueueAll((await unitAdminOpenids(ctx.db, doc.unitId)).map((admin) => ({
    key: `unit-report-result:${doc._id}:${admin}`, openid: admin,
    kind: 'unitReport',
    title: status === 'approved' ? '单位报到已通过' : '单位报到未通过',
    body: status === 'approved' ? `${names.get(doc.communityId) ?? ''}已确认本单位报到，共建协议生效。` : `${names.get(doc.communityId) ?? ''}未通过本单位报到：${patch.reason}`,
    link: '/admin-unit/report/index',
  })), { db: ctx.db, now: ctx.now });
  return { unitReport: view(decided, names) };
}
