import type { OrgNode, UnitView } from '../../core/contracts/org';
import type { Ctx } from '../_lib/router';
import { getMany, type OrgDoc } from '../_shared/report-docs';
import { all, reachOf } from './scope';

const node = (o: OrgDoc): OrgNode => ({ id: o._id, kind: o.kind, name: o.name, parentId: o.parentId ?? null, address: o.address ?? '' });

export async function listCommunities(input: { streetId?: string }, ctx: Ctx) {
  const where: Record<string, unknown> = { kind: 'community' };
  if (input.streetId) where.parentId = input.streetId;
  return { items: (await all(ctx.db, 'orgs', where)).map(node) };
}

/** Orgs inside the caller's admin scopes (nothing for a member without a role). */
export async function tree(_input: unknown, ctx: Ctx) {
  const reach = await reachOf(ctx);
  if (reach.all) return { items: (await all(ctx.db, 'orgs', {}, 2000)).map(node) };
  const orgs = await getMany<OrgDoc>(ctx.db, 'orgs', [...reach.orgIds]);
  return { items: [...orgs.values()].map(node) };
}

export async function listUnits(input: { communityId?: string; streetId?: string }, ctx: Ctx) {
  const where: Record<string, unknown> = {};
  if (input.communityId) where.communityId = input.communityId;
  if (input.streetId) where.streetId = input.streetId;
  const units = await all(ctx.db, 'units', where);
  const names = await getMany<OrgDoc>(ctx.db, 'orgs', units.map((u) => u.communityId));
  const items: UnitView[] = units.map((u) => ({ id: u._id, name: u.name, communityId: u.communityId, communityName: names.get(u.communityId)?.name ?? '', streetId: u.streetId ?? null }));
  return { items };
}
