/**
 * Whose record may the caller see? The member's own; the admins of the unit that verified them
 * (not a unit that rejected them or one they left); the admins of the community they are reported
 * to now (and the street/district above it; not a community they moved away from); super.
 */
import { fail } from '../../core/contracts/errors';
import { canAdmin, type Grant } from '../../core/domain/permissions';
import { grantsOf, placeOfCommunity } from '../_lib/auth';
import { getDoc } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { MemberDoc } from '../_shared/report-docs';

export interface Viewable { member: MemberDoc; self: boolean; viaUnit: boolean; viaCommunity: boolean }

export function unitSees(grants: Grant[], m: MemberDoc): boolean {
  return !!m.unitId && m.unitStatus === 'verified' && grants.some((g) => g.role === 'unit' && g.scopeId === m.unitId);
}

export async function viewable(ctx: Ctx, openid: string | undefined): Promise<Viewable> {
  const target = openid ?? ctx.openid;
  const member = await getDoc<MemberDoc>(ctx, 'members', target);
  if (target === ctx.openid) {
    if (!member) fail('MEMBER_NOT_FOUND', '请先完善个人信息');
    return { member, self: true, viaUnit: false, viaCommunity: false };
  }
  const grants = await grantsOf(ctx);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限查看他人的档案');
  if (!member) fail('NOT_IN_SCOPE', '只能查看本单位已确认党员或本社区已报到党员的档案');
  const viaUnit = unitSees(grants, member);
  const viaCommunity = !!member.communityId && canAdmin(grants, 'community', await placeOfCommunity(ctx, member.communityId));
  const isSuper = grants.some((g) => g.role === 'super');
  if (!viaUnit && !viaCommunity && !isSuper) fail('NOT_IN_SCOPE', '只能查看本单位已确认党员或本社区已报到党员的档案');
  return { member, self: false, viaUnit, viaCommunity };
}
