import { fail } from '../../core/contracts/errors';
import { ROOT_SCOPE_NAME, type Grant, type Place } from '../../core/domain/permissions';
import { grantsOf } from '../_lib/auth';
import { findMany, getAllRecords } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { Collection, RecordOf } from '../../core/db/records';
import { getDoc, type Db, type OrgDoc, type UnitDoc } from '../_shared/report-docs';

/** Every matching record (≤ `max` documents) in id order, 100 at a time (the platform's cap per get()). */
export async function all<C extends Collection>(db: Db, coll: C, where: object, max = 500): Promise<Array<RecordOf<C>>> {
  return getAllRecords(db, coll, where, ['_id', 'asc'], max);
}

export type ScopeTarget =
  | { kind: 'unit'; id: string; name: string; place: Place; unit: UnitDoc }
  | { kind: 'community' | 'street' | 'district'; id: string; name: string; place: Place; org: OrgDoc }
  | { kind: 'root'; id: 'root'; name: string; place: Place };

/** What a scope id names (unit, community, street, district or `root`) and where it sits. */
export async function resolveScope(db: Db, scopeId: string): Promise<ScopeTarget> {
  if (scopeId === 'root') {
    // a city with one district is that district to its people; otherwise the whole city
    const districts = await findMany(db, 'orgs', { kind: 'district' }, { limit: 2 });
    return { kind: 'root', id: 'root', name: districts.length === 1 ? districts[0].name : ROOT_SCOPE_NAME, place: {} };
  }
  const org = await getDoc<OrgDoc>(db, 'orgs', scopeId);
  if (org && org.kind !== 'grid') {
    const [districtId, streetId] = org.path ?? [];
    const place: Place = org.kind === 'district' ? { districtId: org._id } : org.kind === 'street' ? { districtId: districtId ?? org.parentId ?? undefined, streetId: org._id } : { districtId, streetId, communityId: org._id };
    return { kind: org.kind, id: org._id, name: org.name, place, org };
  }
  const unit = await getDoc<UnitDoc>(db, 'units', scopeId);
  if (unit) return { kind: 'unit', id: unit._id, name: unit.name, unit, place: { unitId: unit._id, communityId: unit.communityId, streetId: unit.streetId ?? undefined, districtId: unit.districtId ?? undefined } };
  fail('SCOPE_NOT_FOUND', '未找到该组织或单位');
}

/** Communities and units inside the caller's grants; `all` for super. */
export interface Reach { all: boolean; orgIds: Set<string>; communityIds: Set<string>; unitIds: Set<string>; grants: Grant[] }

export async function reachOf(ctx: Ctx): Promise<Reach> {
  const grants = await grantsOf(ctx);
  const reach: Reach = { all: grants.some((g) => g.role === 'super'), orgIds: new Set(), communityIds: new Set(), unitIds: new Set(), grants };
  if (reach.all) return reach;
  const _ = ctx.db.command;
  for (const g of grants) {
    if (g.role === 'unit') {
      reach.unitIds.add(g.scopeId);
      continue;
    }
    reach.orgIds.add(g.scopeId);
    if (g.role === 'community') reach.communityIds.add(g.scopeId);
    // everything whose ancestor path holds the scope
    for (const o of await all(ctx.db, 'orgs', { path: g.scopeId })) {
      reach.orgIds.add(o._id);
      if (o.kind === 'community') reach.communityIds.add(o._id);
    }
  }
  if (reach.communityIds.size) {
    const ids = [...reach.communityIds];
    for (let i = 0; i < ids.length; i += 100) {
      for (const u of await all(ctx.db, 'units', { communityId: _.in(ids.slice(i, i + 100)) })) reach.unitIds.add(u._id);
    }
  }
  return reach;
}

export function inReach(reach: Reach, scopeId: string): boolean {
  return reach.all || reach.orgIds.has(scopeId) || reach.unitIds.has(scopeId);
}
