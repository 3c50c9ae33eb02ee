import { fail } from '../../core/contracts/errors';
import { adminRoleLabel, type AdminRole } from '../../core/contracts/member';
import type { AdminView } from '../../core/contracts/org';
import { maskPhone } from '../../core/domain/mask';
import { canAppoint, ROOT_SCOPE_NAME } from '../../core/domain/permissions';
import { grantsOf } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { enqueue } from '../_lib/outbox';
import { findMany } from '../_lib/query';
import { escapeRegExp, getDoc, getMany, iso, type AdminDoc, type MemberDoc, type OrgDoc, type UnitDoc } from '../_shared/report-docs';
import { all, reachOf, resolveScope } from './scope';

const kindOfRole: Record<Exclude<AdminRole, 'super'>, string> = { district: 'district', street: 'street', community: 'community', unit: 'unit' };

async function scopeNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const [orgs, units] = await Promise.all([getMany<OrgDoc>(ctx.db, 'orgs', ids), getMany<UnitDoc>(ctx.db, 'units', ids)]);
  const m = new Map<string, string>();
  orgs.forEach((o, k) => m.set(k, o.name));
  units.forEach((u, k) => m.set(k, u.name));
  return m;
}

const view = (a: AdminDoc, names: Map<string, string>): AdminView => ({
  id: a._id, openid: a.openid, role: a.role, scopeId: a.scopeId, scopeName: a.role === 'super' ? ROOT_SCOPE_NAME : names.get(a.scopeId) ?? a.scopeId,
  name: a.name ?? '', appointedBy: a.appointedBy ?? null, createdAt: iso(a.createdAt),
});

export async function appointAdmin(input: { role: Exclude<AdminRole, 'super'>; scopeId: string; openid: string; name?: string }, ctx: Ctx) {
  const grants = await grantsOf(ctx);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  const scope = await resolveScope(ctx.db, input.scopeId);
  if (scope.kind !== kindOfRole[input.role]) fail('SCOPE_MISMATCH', `${adminRoleLabel[input.role]}的管辖范围应为${{ district: '区', street: '街道', community: '社区', unit: '单位' }[input.role]}`);
  if (!canAppoint(grants, input.role, scope.place)) fail('OUT_OF_SCOPE', '只能任命本辖区内、比自己级别低的管理员');
  const id = `${input.role}:${input.scopeId}:${input.openid}`;
  // only a real member with a profile: a typo would otherwise create an admin nobody can be
  const member = await getDoc<MemberDoc>(ctx.db, 'members', input.openid);
  if (!member) fail('MEMBER_NOT_FOUND', '未找到该用户：请对方先进入小程序填写个人信息，再在「我的」页复制用户 ID 给您');
  if (!member.name) fail('PROFILE_INCOMPLETE', '该用户尚未填写个人信息，请对方先在「我的」页完善个人信息');
  if (await getDoc<AdminDoc>(ctx.db, 'admins', id)) fail('ALREADY_ADMIN', `${member.name}已是${scope.name}的${adminRoleLabel[input.role]}，无需重复任命`);
  const doc: AdminDoc = { _id: id, openid: input.openid, role: input.role, scopeId: input.scopeId, name: input.name || member?.name || '', appointedBy: ctx.openid, createdAt: ctx.now };
  const { _id, ...data } = doc;
  await ctx.db.collection('admins').doc(_id).set({ data });
  // keyed by the appointment (a re-appointment after a revocation is a new one)
  await enqueue({ key: `appointed:${id}:${ctx.now.getTime()}`, openid: input.openid, kind: 'system', title: '您已被任命为管理员', body: `您已被任命为${scope.name}的${adminRoleLabel[input.role]}。`, link: '/pages/mine/index' }, { db: ctx.db, now: ctx.now });
  return { admin: view(doc, new Map([[scope.id, scope.name]])) };
}

export async function revokeAdmin(input: { id: string }, ctx: Ctx) {
  const grants = await grantsOf(ctx);
  if (grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  const doc = await getDoc<AdminDoc>(ctx.db, 'admins', input.id);
  if (!doc) fail('ADMIN_NOT_FOUND', '未找到该管理员');
  if (doc.role === 'super') fail('OUT_OF_SCOPE', '超级管理员只能在部署配置中调整');
  const scope = await resolveScope(ctx.db, doc.scopeId);
  if (!canAppoint(grants, doc.role, scope.place)) fail('OUT_OF_SCOPE', '只能撤销本辖区内、比自己级别低的管理员');
  await ctx.db.collection('admins').doc(doc._id).remove();
  return { revoked: true as const };
}

export async function listAdmins(input: { scopeId?: string }, ctx: Ctx) {
  const reach = await reachOf(ctx);
  if (reach.grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  if (input.scopeId && !reach.all && !reach.orgIds.has(input.scopeId) && !reach.unitIds.has(input.scopeId)) fail('OUT_OF_SCOPE', '只能查看本辖区的管理员');
  const _ = ctx.db.command;
  let docs: AdminDoc[];
  if (input.scopeId) docs = await all(ctx.db, 'admins', { scopeId: input.scopeId });
  else if (reach.all) docs = await all(ctx.db, 'admins', {});
  else {
    const ids = [...reach.orgIds, ...reach.unitIds];
    docs = [];
    for (let i = 0; i < ids.length; i += 100) docs.push(...(await all(ctx.db, 'admins', { scopeId: _.in(ids.slice(i, i + 100)) })));
  }
  const names = await scopeNames(ctx, docs.map((d) => d.scopeId));
  return { items: docs.map((d) => view(d, names)) };
}

export async function searchMembers(input: { q: string }, ctx: Ctx) {
  const reach = await reachOf(ctx);
  if (reach.grants.length === 0) fail('FORBIDDEN', '您没有权限进行此操作');
  const _ = ctx.db.command;
  const name = ctx.db.RegExp({ regexp: escapeRegExp(input.q), options: 'i' });
  const where = reach.all
    ? { name }
    : _.and([{ name }, _.or([{ communityId: _.in([...reach.communityIds]) }, { unitId: _.in([...reach.unitIds]) }])]);
  const found = await findMany(ctx, 'members', where, { limit: 20 });
  const [units, orgs] = await Promise.all([getMany<UnitDoc>(ctx.db, 'units', found.map((m) => m.unitId)), getMany<OrgDoc>(ctx.db, 'orgs', found.map((m) => m.communityId))]);
  return {
    items: found.map((m) => ({
      openid: m._id, name: m.name ?? '', phone: maskPhone(m.phone),
      unitName: m.unitId ? units.get(m.unitId)?.name ?? null : null, communityName: m.communityId ? orgs.get(m.communityId)?.name ?? null : null,
    })),
  };
}
