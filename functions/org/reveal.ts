/**
 * One member's full phone, for an admin who governs that member: the admin of the community the
 * member reported to (or is asking to report to) or of the unit the member belongs to (or asks to
 * join). Every list masks phones; each reveal is written to `auditLog` (who, whose, when).
 */
import { fail } from '../../core/contracts/errors';
import { grantsOf } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { getDoc, openReports, type MemberDoc } from '../_shared/report-docs';

export async function revealPhone(input: { openid: string }, ctx: Ctx) {
  const grants = await grantsOf(ctx);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  const member = await getDoc<MemberDoc>(ctx.db, 'members', input.openid);
  if (!member) fail('MEMBER_NOT_FOUND', '未找到该党员');
  const open = await openReports(ctx.db, member._id);
  const communities = new Set([member.communityId, open.pending?.communityId].filter((x): x is string => !!x));
  const unit = member.unitId && member.unitStatus !== 'rejected' ? member.unitId : null;
  const governs = grants.some((g) => (g.role === 'community' && communities.has(g.scopeId)) || (g.role === 'unit' && g.scopeId === unit));
  if (!governs) fail('OUT_OF_SCOPE', '只能查看本社区、本单位党员的完整手机号');
  await ctx.db.collection('auditLog').add({
    data: { actor: ctx.openid, action: 'member.revealPhone', subjectId: member._id, targetOpenid: member._id, reason: '查看完整手机号', detail: {}, createdAt: ctx.now },
  });
  return { openid: member._id, name: member.name ?? '', phone: member.phone ?? '' };
}
