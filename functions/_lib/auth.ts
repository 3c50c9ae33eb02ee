import { fail } from '../../core/contracts/errors';
import { canAdmin, type Grant, type Place, type Role } from '../../core/domain/permissions';
import { first, rows } from './query';
import type { Ctx } from './router';

/**
 * The caller's admin grants: `admins` documents for their OPENID, plus super admins named in
 * the deployment configuration (`SUPER_ADMIN_OPENIDS`, comma separated), so a fresh environment
 * has someone who can appoint everyone else. Cached per invocation on the ctx object.
 */
const cache = new WeakMap<object, Promise<Grant[]>>();

export function grantsOf(ctx: Ctx): Promise<Grant[]> {
  let p = cache.get(ctx);
  if (!p) {
    p = (async () => {
      const docs = await rows<{ role: Role; scopeId: string }>(ctx.db.collection('admins').where({ openid: ctx.openid }).limit(100));
      const grants: Grant[] = docs.map((d) => ({ role: d.role, scopeId: d.scopeId }));
      const supers = (process.env.SUPER_ADMIN_OPENIDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (supers.includes(ctx.openid) && !grants.some((g) => g.role === 'super')) grants.push({ role: 'super', scopeId: 'root' });
      return grants;
    })();
    cache.set(ctx, p);
  }
  return p;
}

/** Where an org sits: a community's street and district from its `path`. */
export async function placeOfCommunity(ctx: Ctx, communityId: string): Promise<Place> {
  const org = await first<{ _id: string; kind: string; path?: string[] }>(ctx.db.collection('orgs').where({ _id: communityId }).limit(1));
  if (!org || org.kind !== 'community') fail('COMMUNITY_NOT_FOUND', '未找到该社区');
  const [districtId, streetId] = org.path ?? [];
  return { districtId, streetId, communityId };
}

export async function placeOfUnit(ctx: Ctx, unitId: string): Promise<Place & { unitId: string }> {
  const unit = await first<{ _id: string; communityId: string; streetId?: string; districtId?: string }>(ctx.db.collection('units').where({ _id: unitId }).limit(1));
  if (!unit) fail('UNIT_NOT_FOUND', '未找到该单位');
  return { unitId, communityId: unit.communityId, streetId: unit.streetId, districtId: unit.districtId };
}

/** Throws FORBIDDEN unless the caller administers `level` over `place`. */
export async function requireAdmin(ctx: Ctx, level: 'unit' | 'community' | 'street' | 'district', place: Place): Promise<Grant[]> {
  const grants = await grantsOf(ctx);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  if (!canAdmin(grants, level, place)) fail('OUT_OF_SCOPE', '只能管理本单位或本社区的事项');
  return grants;
}

export const requireCommunityAdmin = async (ctx: Ctx, communityId: string) => requireAdmin(ctx, 'community', await placeOfCommunity(ctx, communityId));
export const requireUnitAdmin = async (ctx: Ctx, unitId: string) => requireAdmin(ctx, 'unit', await placeOfUnit(ctx, unitId));
