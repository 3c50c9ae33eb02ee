/**
 * 网格 (grids) of a community: orgs of kind 'grid' whose parent is the community. A member's grid is
 * the `gridId` on their report there, set by the community admin on the 报到名册; the dashboards
 * (functions/stats) aggregate per grid. A move makes a new report, so the grid does not follow.
 */
import { fail } from '../../core/contracts/errors';
import { requireCommunityAdmin } from '../_lib/auth';
import { getAll, getDoc } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transaction, txGet, txUpdate, type OrgDoc, type ReportDoc } from '../_shared/report-docs';

/** The community's grids, by name (anyone: the names are shown at 报到 and on the roster). */
export async function grids(input: { communityId: string }, ctx: Ctx) {
  const items = await getAll<OrgDoc>(ctx, 'orgs', { kind: 'grid', parentId: input.communityId }, ['name', 'asc'], 200);
  return { items: items.map((g) => ({ id: g._id, name: g.name })) };
}

/** Put a reported (or pending) member into one of the community's grids, or take them out (null). */
export async function setGrid(input: { reportId: string; gridId: string | null }, ctx: Ctx) {
  const report = await getDoc<ReportDoc>(ctx, 'reports', input.reportId);
  if (!report) fail('NOT_FOUND', '报到记录不存在');
  await requireCommunityAdmin(ctx, report.communityId);
  if (report.status !== 'approved' && report.status !== 'pending') fail('VALIDATION_FAILED', '只能为待审核或已报到的党员设置网格');
  if (input.gridId) {
    const grid = await getDoc<OrgDoc>(ctx, 'orgs', input.gridId);
    if (!grid || grid.kind !== 'grid' || grid.parentId !== report.communityId) fail('VALIDATION_FAILED', '该网格不属于本社区');
  }
  await transaction(ctx.db, async (tx) => {
    const r = await txGet<ReportDoc>(tx, 'reports', report._id);
    if (!r || r.communityId !== report.communityId || (r.status !== 'approved' && r.status !== 'pending')) fail('CONFLICT', '报到状态已变化，请刷新后重试');
    await txUpdate(tx, 'reports', report._id, { gridId: input.gridId });
  });
  return { reportId: report._id, gridId: input.gridId };
}
