/**
 * The three lists: needs (需求清单, recorded by the community), resources (资源清单, from approved
 * unit reports) and projects (项目清单: a need matched with a resource and a responsible unit).
 */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import { resourceKindLabel, type ResourceItem } from '../../core/contracts/report';
import type { NeedView, ProjectView, ResourceView, taskContract } from '../../core/contracts/task';
import { parseRecord, type NeedRecord, type ProjectRecord } from '../../core/db/records';
import { requireCommunityAdmin } from '../_lib/auth';
import type { Ctx } from '../_lib/router';
import { once } from '../_lib/once';
import { pageOf } from '../_lib/query';
import { assertSafeText } from '../_lib/content';
import { getAll, getDoc, iso, newId, toDate, txSet } from './store';

type C = typeof taskContract;

type NeedDoc = NeedRecord;
type ProjectDoc = ProjectRecord;

const needView = (d: NeedDoc): NeedView => ({
  id: d._id, communityId: d.communityId, title: d.title, description: d.description ?? '', category: d.category, status: d.status, createdAt: iso(toDate(d.createdAt))!,
});

export async function listNeeds(input: ParsedInputOf<C, 'listNeeds'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId, ...(input.status ? { status: input.status } : {}) };
  const coll = ctx.db.collection('needs');
  const page = await pageOf<unknown>(coll.where(where).orderBy('createdAt', 'desc'), coll.where(where), input.page, input.pageSize);
  return { ...page, items: page.items.map((d) => needView(parseRecord('needs', d))) };
}

export async function saveNeed(input: ParsedInputOf<C, 'saveNeed'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  await assertSafeText(ctx.openid, { 需求名称: input.title, 需求说明: input.description }, 3);
  const fields = { title: input.title, description: input.description, category: input.category, status: input.status, updatedAt: ctx.now };
  if (input.id) {
    const old = await getDoc<NeedDoc>(ctx, 'needs', input.id);
    if (!old || old.communityId !== input.communityId) fail('NEED_NOT_FOUND', '未找到该需求');
    await ctx.db.collection('needs').doc(input.id).update({ data: fields });
    return { need: needView({ ...old, ...fields }) };
  }
  const doc = { communityId: input.communityId, ...fields, createdAt: ctx.now, createdBy: ctx.openid };
  const { answer } = await once(ctx, 'need', input.requestId, async (tx) => {
    const id = newId('n', ctx.now);
    await txSet(tx, 'needs', id, doc);
    return { id, answer: { need: needView({ _id: id, ...doc }) } };
  });
  return answer;
}

interface UnitReportDoc { _id: string; unitId: string; communityId: string; status: string; resources?: ResourceItem[] }

function resourceText(r: ResourceItem): string {
  const qty = r.quantity ? ` ${r.quantity}${r.unit ?? ''}` : '';
  return `${resourceKindLabel[r.kind] ?? '其他'}·${r.title}${qty}${r.detail ? `：${r.detail}` : ''}`;
}

async function unitNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const units = await getAll<{ _id: string; name: string }>(ctx, 'units', { _id: ctx.db.command.in(unique) });
  return new Map(units.map((u) => [u._id, u.name]));
}

export async function listResources(input: ParsedInputOf<C, 'listResources'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const reports = await getAll<UnitReportDoc>(ctx, 'unitReports', { communityId: input.communityId, status: 'approved' }, undefined, 300);
  const names = await unitNames(ctx, reports.map((r) => r.unitId));
  const items: ResourceView[] = reports.flatMap((r) =>
    (r.resources ?? []).map((res) => ({ unitReportId: r._id, unitId: r.unitId, unitName: names.get(r.unitId) ?? r.unitId, text: resourceText(res) })),
  );
  return { items };
}

async function projectViews(ctx: Ctx, docs: ProjectDoc[]): Promise<ProjectView[]> {
  const needIds = [...new Set(docs.map((d) => d.needId).filter((x): x is string => !!x))];
  const needs = needIds.length ? await getAll<NeedDoc>(ctx, 'needs', { _id: ctx.db.command.in(needIds) }) : [];
  const needTitles = new Map(needs.map((n) => [n._id, n.title]));
  const names = await unitNames(ctx, docs.map((d) => d.unitId ?? ''));
  return docs.map((d) => ({
    id: d._id, communityId: d.communityId, title: d.title, description: d.description ?? '',
    needId: d.needId ?? null, needTitle: d.needId ? needTitles.get(d.needId) ?? null : null,
    resource: d.resource ?? '', unitId: d.unitId ?? null, unitName: d.unitId ? names.get(d.unitId) ?? null : null,
    status: d.status, createdAt: iso(toDate(d.createdAt))!,
  }));
}

export async function listProjects(input: ParsedInputOf<C, 'listProjects'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const where = { communityId: input.communityId };
  const coll = ctx.db.collection('projects');
  const page = await pageOf<unknown>(coll.where(where).orderBy('createdAt', 'desc'), coll.where(where), input.page, input.pageSize);
  return { ...page, items: await projectViews(ctx, page.items.map((d) => parseRecord('projects', d))) };
}

export async function saveProject(input: ParsedInputOf<C, 'saveProject'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  await assertSafeText(ctx.openid, { 项目名称: input.title, 项目说明: input.description }, 3);
  if (input.needId) {
    const need = await getDoc<NeedDoc>(ctx, 'needs', input.needId);
    if (!need || need.communityId !== input.communityId) fail('NEED_NOT_FOUND', '所选需求不存在或不属于本社区');
  }
  if (input.unitId) {
    const unit = await getDoc<{ communityId: string }>(ctx, 'units', input.unitId);
    if (!unit) fail('UNIT_NOT_FOUND', '所选责任单位不存在');
  }
  const fields = {
    title: input.title, description: input.description, needId: input.needId, resource: input.resource, unitId: input.unitId,
    status: input.status, updatedAt: ctx.now,
  };
  let doc: ProjectDoc;
  if (input.id) {
    const old = await getDoc<ProjectDoc>(ctx, 'projects', input.id);
    if (!old || old.communityId !== input.communityId) fail('PROJECT_NOT_FOUND', '未找到该项目');
    await ctx.db.collection('projects').doc(input.id).update({ data: fields });
    doc = { ...old, ...fields };
  } else {
    const data = { communityId: input.communityId, ...fields, createdAt: ctx.now, createdBy: ctx.openid };
    const made = await once(ctx, 'project', input.requestId, async (tx) => {
      const id = newId('p', ctx.now);
      await txSet(tx, 'projects', id, data);
      return { id, answer: { _id: id } };
    });
    if (made.replayed) {
      const [view] = await projectViews(ctx, [(await getDoc<ProjectDoc>(ctx, 'projects', made.id)) ?? { _id: made.id, ...data }]);
      return { project: view };
    }
    doc = { _id: made.id, ...data };
  }
  // a need that got a project is matched (需求已对接)
  if (input.needId) await ctx.db.collection('needs').doc(input.needId).update({ data: { status: 'matched', updatedAt: ctx.now } });
  const [view] = await projectViews(ctx, [doc]);
  return { project: view };
}
