import { z } from 'zod';
import { fail } from '../../core/contracts/errors';
import type { CommunityCoverage, UnitCoverage } from '../../core/contracts/org';
import { toDate } from '../../core/domain/dates';
import { coverageRate } from '../../core/domain/report';
import { canAdmin } from '../../core/domain/permissions';
import { grantsOf } from '../_lib/auth';
import { findManyAs } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { count, getMany, type OrgDoc, type UnitDoc } from '../_shared/report-docs';
import { all, resolveScope } from './scope';

/** what coverage needs of a unit report (a projection) */
const unitReportLite = z.object({ unitId: z.string(), status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']), createdAt: z.preprocess((v) => toDate(v) ?? v, z.date()) });
type UnitReportLite = z.output<typeof unitReportLite>;

/** At most this many units / communities are counted per call (each costs a few count() calls). */
const MAX_ROWS = 200;

async function unitRow(ctx: Ctx, u: UnitDoc, communityNames: Map<string, string>, latest: Map<string, UnitReportLite>): Promise<UnitCoverage> {
  const _ = ctx.db.command;
  const [total, reported, pending] = await Promise.all([
    count(ctx.db, 'members', { unitId: u._id, unitStatus: 'verified' }),
    count(ctx.db, 'members', { unitId: u._id, unitStatus: 'verified', communityId: _.neq(null) }),
    count(ctx.db, 'reports', { unitId: u._id, status: 'pending' }),
  ]);
  return { id: u._id, name: u.name, communityId: u.communityId, communityName: communityNames.get(u.communityId) ?? '', total, reported, pending, rate: coverageRate(reported, total), unitReportStatus: latest.get(u._id)?.status ?? null };
}

export async function coverage(input: { scopeId: string }, ctx: Ctx) {
  const scope = await resolveScope(ctx.db, input.scopeId);
  const grants = await grantsOf(ctx);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  const allowed =
    scope.kind === 'root' ? grants.some((g) => g.role === 'super')
    : scope.kind === 'unit' ? canAdmin(grants, 'unit', scope.place) || canAdmin(grants, 'community', scope.place)
    : canAdmin(grants, scope.kind, scope.place);
  if (!allowed) fail('OUT_OF_SCOPE', '只能查看本辖区的报到情况');

  const _ = ctx.db.command;
  let communities: OrgDoc[] = [];
  let units: UnitDoc[] = [];
  if (scope.kind === 'unit') units = [scope.unit];
  else if (scope.kind === 'community') {
    communities = [scope.org];
    units = await all(ctx.db, 'units', { communityId: scope.id }, MAX_ROWS);
  } else {
    const where = scope.kind === 'root' ? { kind: 'community' } : { kind: 'community', path: scope.id };
    communities = await all(ctx.db, 'orgs', where, MAX_ROWS);
    const uwhere = scope.kind === 'root' ? {} : scope.kind === 'street' ? { streetId: scope.id } : { districtId: scope.id };
    units = await all(ctx.db, 'units', uwhere, MAX_ROWS);
  }
  const unitIds = units.map((u) => u._id);
  const latest = new Map<string, UnitReportLite>();
  for (let i = 0; i < unitIds.length; i += 100) {
    const reports = await findManyAs(ctx, 'unitReports', unitReportLite, { unitId: _.in(unitIds.slice(i, i + 100)) }, { orderBy: ['createdAt', 'desc'], field: { unitId: true, status: true, createdAt: true } });
    for (const r of reports) if (!latest.has(r.unitId)) latest.set(r.unitId, r);
  }
  const communityNames = new Map([...(await getMany<OrgDoc>(ctx.db, 'orgs', units.map((u) => u.communityId)))].map(([k, v]) => [k, v.name]));
  const unitRows = await Promise.all(units.map((u) => unitRow(ctx, u, communityNames, latest)));
  const communityRows: CommunityCoverage[] = await Promise.all(
    communities.map(async (c) => {
      const mine = unitRows.filter((u) => u.communityId === c._id);
      const [membersReported, membersPending] = await Promise.all([
        count(ctx.db, 'reports', { communityId: c._id, status: 'approved' }),
        count(ctx.db, 'reports', { communityId: c._id, status: 'pending' }),
      ]);
      return { id: c._id, name: c.name, membersReported, membersPending, unitsTotal: mine.length, unitsReported: mine.filter((u) => u.unitReportStatus === 'approved').length };
    }),
  );
  const total = unitRows.reduce((s, u) => s + u.total, 0);
  const reported = unitRows.reduce((s, u) => s + u.reported, 0);
  return {
    scope: { id: scope.id, kind: scope.kind, name: scope.name },
    summary: {
      total, reported, rate: coverageRate(reported, total),
      membersReported: communityRows.reduce((s, c) => s + c.membersReported, 0),
      unitsTotal: unitRows.length, unitsReported: unitRows.filter((u) => u.unitReportStatus === 'approved').length,
    },
    communities: communityRows,
    units: unitRows,
  };
}
