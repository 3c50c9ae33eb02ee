/**
 * Reading a dashboard: a constant number of round trips, whatever the number of members —
 * (1) the caller's grants, (2) the scope's last 12 month documents, (3) its children this month,
 * (4) its siblings this month, (5) the district's latest thresholds. Five, always (tests assert it).
 * Nothing here reads members, the ledger or any other feature's collection.
 */
import { fail } from '../../core/contracts/errors';
import type { Dashboard } from '../../core/contracts/stats';
import { canAdmin, type Grant, type Place } from '../../core/domain/permissions';
import { toDate } from '../../core/domain/dates';
import { DEFAULT_THRESHOLDS, lastMonths, type ScopeMonth } from '../../core/domain/stats';
import { grantsOf } from '../_lib/auth';
import { rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { asOfHour } from './rollup';

const MAX_ROWS = 100;
/** children and siblings travel without their lists: 100 units with 200-name lists would pass the 1 MB result limit */
const ROW_FIELDS = { scopeId: true, kind: true, name: true, parentId: true, path: true, c: true, month: true };

export function placeOfScope(doc: Pick<ScopeMonth, 'kind' | 'scopeId' | 'path'>): Place {
  const [districtId, streetId, communityId] = doc.path;
  switch (doc.kind) {
    case 'district': return { districtId: doc.scopeId };
    case 'street': return { districtId, streetId: doc.scopeId };
    case 'community': return { districtId, streetId, communityId: doc.scopeId };
    case 'grid': return { districtId, streetId, communityId };
    case 'unit': return { districtId, streetId, communityId, unitId: doc.scopeId };
  }
}

/** May these grants see the dashboard of this scope? Territorial admins at or above it (a grid: its community's); a unit admin their unit. */
export function maySee(grants: Grant[], doc: Pick<ScopeMonth, 'kind' | 'scopeId' | 'path'>): boolean {
  const place = placeOfScope(doc);
  if (doc.kind === 'unit') return canAdmin(grants, 'unit', place) || canAdmin(grants, 'community', place);
  if (doc.kind === 'grid') return canAdmin(grants, 'community', place);
  return canAdmin(grants, doc.kind, place);
}

/** the counters as a plain map (a spread copy is a literal type, which fits a string index) */
const counts = (c: ScopeMonth['c']): Record<string, number> => ({ ...c });
const row = (d: ScopeMonth) => ({ id: d.scopeId, kind: d.kind, name: d.name, c: counts(d.c) });

export async function dashboard(input: { scopeId: string }, ctx: Ctx): Promise<Dashboard> {
  const _ = ctx.db.command;
  const months = lastMonths(asOfHour(ctx.now), 12);
  const month = months[months.length - 1];
  const coll = ctx.db.collection('statsMonths');
  const root = input.scopeId === 'root';
  // root (super admin): the districts this month; the first is shown, the others are its siblings
  const [grants, ownOrDistricts, childrenOrNone] = await Promise.all([
    grantsOf(ctx),
    root
      ? rows<ScopeMonth>(coll.where({ kind: 'district', month }).orderBy('scopeId', 'asc').limit(MAX_ROWS))
      : rows<ScopeMonth>(coll.where({ scopeId: input.scopeId, month: _.gte(months[0]) }).orderBy('month', 'asc').limit(12)),
    root ? Promise.resolve(null) : rows<ScopeMonth>(coll.where({ parentId: input.scopeId, month }).orderBy('scopeId', 'asc').limit(MAX_ROWS).field(ROW_FIELDS)),
  ]);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限查看统计');
  if (root && !grants.some((g) => g.role === 'super')) fail('OUT_OF_SCOPE', '只能查看本辖区的统计');
  const scopeId = root ? ownOrDistricts[0]?.scopeId : input.scopeId;
  if (!scopeId) fail('STATS_NOT_READY', '统计尚未生成（每小时更新一次），请稍后再看');

  // root: the chosen district's months and children; otherwise the siblings; and the thresholds
  const latestKnown = root ? ownOrDistricts[0] : ownOrDistricts[ownOrDistricts.length - 1];
  if (!latestKnown) fail('STATS_NOT_READY', '该范围的统计尚未生成（每小时更新一次），请稍后再看');
  if (!maySee(grants, latestKnown)) fail('OUT_OF_SCOPE', '只能查看本辖区的统计');
  const districtId = latestKnown.kind === 'district' ? latestKnown.scopeId : latestKnown.path[0];
  const [own, children, siblingsRaw, rules] = await Promise.all([
    root ? rows<ScopeMonth>(coll.where({ scopeId, month: _.gte(months[0]) }).orderBy('month', 'asc').limit(12)) : Promise.resolve(ownOrDistricts),
    root ? rows<ScopeMonth>(coll.where({ parentId: scopeId, month }).orderBy('scopeId', 'asc').limit(MAX_ROWS).field(ROW_FIELDS)) : Promise.resolve(childrenOrNone ?? []),
    root ? Promise.resolve(ownOrDistricts) : latestKnown.parentId ? rows<ScopeMonth>(coll.where({ parentId: latestKnown.parentId, month, kind: latestKnown.kind }).orderBy('scopeId', 'asc').limit(MAX_ROWS).field(ROW_FIELDS)) : rows<ScopeMonth>(coll.where({ kind: latestKnown.kind, month }).orderBy('scopeId', 'asc').limit(MAX_ROWS).field(ROW_FIELDS)),
    rows<{ version: number; values: Dashboard['thresholds']['values']; createdAt?: unknown }>(ctx.db.collection('statsRules').where({ districtId }).orderBy('version', 'desc').limit(1)),
  ]);
  const current = own[own.length - 1];
  // siblings are shown only to a viewer who may see them all (one who covers the parent)
  const siblings = siblingsRaw.every((s) => maySee(grants, s)) ? siblingsRaw : [];
  return {
    scope: { id: current.scopeId, kind: current.kind, name: current.name, parentId: current.parentId, path: current.path.map((id, i) => ({ id, name: current.pathNames?.[i] ?? '' })) },
    month: current.month,
    asOf: new Date(current.asOf).toISOString(),
    months: own.map((d) => ({ month: d.month, c: counts(d.c) })),
    children: children.filter((c) => maySee(grants, c)).map(row),
    siblings: siblings.map(row),
    idleMembers: current.idleMembers ?? null,
    idleUnits: current.idleUnits ?? null,
    members: current.members ?? null,
    thresholds: rules[0]
      ? { version: rules[0].version, values: { ...DEFAULT_THRESHOLDS, ...rules[0].values }, at: toDate(rules[0].createdAt)?.toISOString() ?? null }
      : { version: 0, values: DEFAULT_THRESHOLDS, at: null },
    canEditThresholds: grants.some((g) => g.role === 'super' || (g.role === 'district' && g.scopeId === districtId)),
  };
}
