/**
 * 双向评价: members rate a task they served (1–5 + remark); the community rates each member's year
 * (it feeds the year letter's grade) and each unit's 共建; the unit rates the community; residents
 * confirm a member's service with one tap on the code the member shows (no registration).
 * One evaluation per rater per target per period: its id is exactly that triple, read and written
 * in one transaction, so a second (or concurrent) one is refused with EVAL_DONE.
 */
import { randomBytes } from 'node:crypto';
import { dayKey, dayStart } from '../../core/domain/hours';
import { fail } from '../../core/contracts/errors';
import type { Grade } from '../../core/domain/letter';
import { canAdmin } from '../../core/domain/permissions';
import { grantsOf, placeOfCommunity, requireAdmin, requireCommunityAdmin, requireUnitAdmin } from '../_lib/auth';
import { count, first, getAll, getDoc, getMany, rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet, txSet, txUpdate } from '../_lib/tx';
import type { MemberDoc, OrgDoc, UnitDoc } from '../_shared/report-docs';
import { signupId, toDate } from '../task/store';

const COLL = 'evaluations';
export type TargetKind = 'task' | 'member' | 'unit' | 'community';
export interface EvaluationDoc {
  _id: string;
  raterKind: 'member' | 'community' | 'unit';
  raterId: string;
  raterName: string;
  targetKind: TargetKind;
  targetId: string;
  targetName: string;
  /** the task id for task ratings, the year for yearly ones */
  period: string;
  score: number;
  grade: Grade | null;
  remark: string;
  communityId: string;
  streetId: string | null;
  by: string;
  createdAt: Date;
}

export const evaluationId = (raterKind: string, raterId: string, targetKind: string, targetId: string, period: string) => `${raterKind}:${raterId}:${targetKind}:${targetId}:${period}`;

async function writeOnce(ctx: Ctx, doc: Omit<EvaluationDoc, '_id'>): Promise<EvaluationDoc> {
  const id = evaluationId(doc.raterKind, doc.raterId, doc.targetKind, doc.targetId, doc.period);
  await transact(ctx, async (tx) => {
    if (await txGet(tx, COLL, id)) fail('EVAL_DONE', '本期已评价过，不能重复评价');
    await txSet(tx, COLL, id, doc);
  });
  return { _id: id, ...doc };
}

const dto = (e: EvaluationDoc) => ({
  id: e._id, raterKind: e.raterKind, raterName: e.raterName, targetKind: e.targetKind, targetId: e.targetId, targetName: e.targetName, period: e.period,
  score: e.score, grade: e.grade, remark: e.remark, createdAt: toDate(e.createdAt).toISOString(),
});

/** A member rates a task they served (confirmed, not a no-show), once. */
export async function rateTask(input: { taskId: string; score: number; remark?: string; requestId?: string }, ctx: Ctx) {
  const s = await getDoc<{ confirmed?: boolean; noshow?: boolean; communityId?: string }>(ctx, 'signups', signupId(input.taskId, ctx.openid));
  if (!s?.confirmed || s.noshow) fail('NOT_IN_SCOPE', '只有经确认参加了该任务的党员可以评价');
  const [task, me] = await Promise.all([getDoc<{ title: string; communityId: string }>(ctx, 'tasks', input.taskId), getDoc<MemberDoc>(ctx, 'members', ctx.openid)]);
  const org = task ? await getDoc<OrgDoc>(ctx, 'orgs', task.communityId) : null;
  const e = await writeOnce(ctx, {
    raterKind: 'member', raterId: ctx.openid, raterName: me?.name ?? '', targetKind: 'task', targetId: input.taskId, targetName: task?.title ?? '', period: input.taskId,
    score: input.score, grade: null, remark: input.remark?.trim() ?? '', communityId: task?.communityId ?? s.communityId ?? '', streetId: org?.path?.[1] ?? null, by: ctx.openid, createdAt: ctx.now,
  });
  return { evaluation: dto(e) };
}

/** Yearly: community → member (with a grade) and community → unit; unit → community. */
export async function evaluate(input: { as: 'community' | 'unit'; asId: string; targetKind: 'member' | 'unit' | 'community'; targetId: string; year: number; score: number; grade?: Grade; remark?: string; requestId?: string }, ctx: Ctx) {
  let raterName = '', targetName = '', communityId = '';
  if (input.as === 'community') {
    await requireCommunityAdmin(ctx, input.asId);
    raterName = (await getDoc<OrgDoc>(ctx, 'orgs', input.asId))?.name ?? '';
    communityId = input.asId;
    if (input.targetKind === 'member') {
      const m = await getDoc<MemberDoc>(ctx, 'members', input.targetId);
      if (!m || m.communityId !== input.asId) fail('NOT_IN_SCOPE', '只能评价在本社区报到的党员');
      targetName = m.name ?? '';
    } else if (input.targetKind === 'unit') {
      const u = await getDoc<UnitDoc>(ctx, 'units', input.targetId);
      if (!u || u.communityId !== input.asId) fail('NOT_IN_SCOPE', '只能评价与本社区共建的单位');
      targetName = u.name;
    } else fail('VALIDATION_FAILED', '社区评价党员或共建单位');
  } else {
    await requireUnitAdmin(ctx, input.asId);
    const u = await getDoc<UnitDoc>(ctx, 'units', input.asId);
    if (!u || input.targetKind !== 'community' || u.communityId !== input.targetId) fail('NOT_IN_SCOPE', '单位只能评价与其共建的社区');
    raterName = u.name;
    communityId = input.targetId;
    targetName = (await getDoc<OrgDoc>(ctx, 'orgs', input.targetId))?.name ?? '';
  }
  const org = await getDoc<OrgDoc>(ctx, 'orgs', communityId);
  const e = await writeOnce(ctx, {
    raterKind: input.as, raterId: input.asId, raterName, targetKind: input.targetKind, targetId: input.targetId, targetName, period: String(input.year),
    score: input.score, grade: input.grade ?? null, remark: input.remark?.trim() ?? '', communityId, streetId: org?.path?.[1] ?? null, by: ctx.openid, createdAt: ctx.now,
  });
  return { evaluation: dto(e) };
}

/** Evaluations received: by the one evaluated (member / its unit's admins / the community's admins and those above). */
export async function evaluationsOf(input: { targetKind: TargetKind; targetId: string }, ctx: Ctx) {
  let allowed = input.targetKind === 'member' && input.targetId === ctx.openid;
  if (!allowed) {
    const grants = await grantsOf(ctx);
    if (input.targetKind === 'unit') allowed = grants.some((g) => g.role === 'unit' && g.scopeId === input.targetId);
    if (!allowed && grants.length) {
      const communityId = input.targetKind === 'community' ? input.targetId
        : input.targetKind === 'task' ? (await getDoc<{ communityId: string }>(ctx, 'tasks', input.targetId))?.communityId
        : input.targetKind === 'unit' ? (await getDoc<UnitDoc>(ctx, 'units', input.targetId))?.communityId
        : (await getDoc<MemberDoc>(ctx, 'members', input.targetId))?.communityId;
      allowed = !!communityId && canAdmin(grants, 'community', await placeOfCommunity(ctx, communityId));
    }
  }
  if (!allowed) fail('NOT_IN_SCOPE', '只能查看对自己或本单位、本社区的评价');
  const list = await getAll<EvaluationDoc>(ctx, COLL, { targetKind: input.targetKind, targetId: input.targetId }, ['createdAt', 'desc'], 200);
  const avg = list.length ? Math.round((list.reduce((s, e) => s + e.score, 0) / list.length) * 10) / 10 : null;
  return { items: list.map(dto), count: list.length, average: avg };
}

/** Street roll-up: per community, what units said of it and what it said of units and members, for a year. */
export async function evaluationRollup(input: { streetId: string; year: number }, ctx: Ctx) {
  await requireAdmin(ctx, 'street', { streetId: input.streetId });
  const _ = ctx.db.command;
  const [yearly, tasks] = await Promise.all([
    getAll<EvaluationDoc>(ctx, COLL, { streetId: input.streetId, period: String(input.year) }, undefined, 5000),
    // task ratings carry the task as their period: they count in the year they were given
    getAll<EvaluationDoc>(ctx, COLL, { streetId: input.streetId, targetKind: 'task', createdAt: _.gte(dayStart(`${input.year}-01-01`)).and(_.lt(dayStart(`${input.year + 1}-01-01`))) }, undefined, 5000),
  ]);
  const list = [...yearly, ...tasks];
  const by = new Map<string, { communityId: string; ofCommunity: number[]; ofUnits: number[]; ofMembers: number[]; ofTasks: number[] }>();
  for (const e of list) {
    const r = by.get(e.communityId) ?? { communityId: e.communityId, ofCommunity: [], ofUnits: [], ofMembers: [], ofTasks: [] };
    ({ community: r.ofCommunity, unit: r.ofUnits, member: r.ofMembers, task: r.ofTasks })[e.targetKind].push(e.score);
    by.set(e.communityId, r);
  }
  const orgs = await getMany<OrgDoc>(ctx, 'orgs', [...by.keys()]);
  const avg = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);
  return {
    items: [...by.values()].map((r) => ({
      communityId: r.communityId, communityName: orgs.get(r.communityId)?.name ?? r.communityId,
      byUnits: avg(r.ofCommunity), byUnitsCount: r.ofCommunity.length, ofUnits: avg(r.ofUnits), ofUnitsCount: r.ofUnits.length,
      ofMembers: avg(r.ofMembers), ofMembersCount: r.ofMembers.length, ofTasks: avg(r.ofTasks), ofTasksCount: r.ofTasks.length,
    })),
  };
}

/** Where the resident's QR points: the h5 confirmation page (no registration); overridable per deployment. */
export function residentLink(code: string): string {
  const base = process.env.RESIDENT_URL_BASE || '/record/resident/index';
  return `${base}?rc=${encodeURIComponent(code)}`;
}

/** The code a member shows a resident after serving (stored on the signup; the same code on every call), with its QR. */
export async function residentCode(input: { taskId: string }, ctx: Ctx) {
  const id = signupId(input.taskId, ctx.openid);
  const s = await getDoc<{ confirmed?: boolean; noshow?: boolean; residentCode?: string | null; residentConfirmed?: boolean }>(ctx, 'signups', id);
  if (!s?.confirmed || s.noshow) fail('NOT_IN_SCOPE', '该任务的服务尚未确认');
  let code: string = s.residentCode ?? '';
  if (!code) {
    code = await transact(ctx, async (tx) => {
      const cur = await txGet(tx, 'signups', id);
      if (cur?.residentCode) return String(cur.residentCode);
      const c = randomBytes(9).toString('base64url');
      await txUpdate(tx, 'signups', id, { residentCode: c });
      return c;
    });
  }
  const link = residentLink(code);
  // qrcode loads only here: the other actions of this function start fast
  const QRCode = (await import('qrcode')).default;
  const dataUrl = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
  return { code, confirmed: !!s.residentConfirmed, link, dataUrl };
}

interface CodeSignup { _id: string; openid: string; taskId: string; residentConfirmed?: boolean; residentConfirmedAt?: unknown }

async function bySignupCode(ctx: Ctx, code: string) {
  const s = await first<CodeSignup>(ctx.db.collection('signups').where({ residentCode: code }).limit(1));
  if (!s) fail('CODE_UNKNOWN', '确认码无效，请让党员重新出示');
  const [task, member] = await Promise.all([getDoc<{ title: string; startAt?: unknown; communityName?: string }>(ctx, 'tasks', s.taskId), getDoc<MemberDoc>(ctx, 'members', s.openid)]);
  // the resident sees the task and a surname only: no phone, no full name
  return { s, title: task?.title ?? '', name: `${(member?.name ?? '').slice(0, 1)}同志`, day: task?.startAt ? dayKey(toDate(task.startAt)) : '', communityName: task?.communityName ?? '' };
}

/** What the resident is about to confirm (read only): shown before the one tap. */
export async function residentCheck(input: { code: string }, ctx: Ctx) {
  const r = await bySignupCode(ctx, input.code);
  return { title: r.title, name: r.name, day: r.day, communityName: r.communityName, confirmed: !!r.s.residentConfirmed, own: r.s.openid === ctx.openid };
}

/** A resident's one tap: marks the service resident-confirmed (any WeChat user but the member). */
export async function residentConfirm(input: { code: string }, ctx: Ctx) {
  if (!ctx.openid) fail('UNAUTHENTICATED', '请在微信中打开后确认');
  const r = await bySignupCode(ctx, input.code);
  if (r.s.openid === ctx.openid) fail('NOT_IN_SCOPE', '不能确认自己的服务');
  const firstTap = await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'signups', r.s._id);
    if (cur?.residentConfirmed) return false;
    await txUpdate(tx, 'signups', r.s._id, { residentConfirmed: true, residentConfirmedAt: ctx.now, residentOpenid: ctx.openid });
    return true;
  });
  return { already: !firstTap, title: r.title, name: r.name };
}

/** The caller's own rating of a task they served (null: not rated yet) and whether they may rate it. */
export async function myTaskRating(input: { taskId: string }, ctx: Ctx) {
  const [s, task, e] = await Promise.all([
    getDoc<{ confirmed?: boolean; noshow?: boolean; residentConfirmed?: boolean }>(ctx, 'signups', signupId(input.taskId, ctx.openid)),
    getDoc<{ title: string; startAt?: unknown }>(ctx, 'tasks', input.taskId),
    getDoc<EvaluationDoc>(ctx, COLL, evaluationId('member', ctx.openid, 'task', input.taskId, input.taskId)),
  ]);
  if (!task) fail('NOT_FOUND', '未找到该任务');
  return { title: task.title, day: task.startAt ? dayKey(toDate(task.startAt)) : '', canRate: !!s?.confirmed && !s.noshow, residentConfirmed: !!s?.residentConfirmed, rating: e ? dto(e) : null };
}

type Targets = { as: 'community' | 'unit'; asId: string; targetKind: 'member' | 'unit' | 'community'; year: number; page: number; pageSize: number };

/**
 * Who a community (its reported members, its 共建 units) or a unit (its community) rates for a year,
 * one page at a time, each with the evaluation already given (null: still to do).
 */
export async function evaluationTargets(input: Targets, ctx: Ctx) {
  const _ = ctx.db.command;
  let items: Array<{ targetId: string; name: string; sub: string }> = [];
  let total = 0;
  if (input.as === 'community') {
    await requireCommunityAdmin(ctx, input.asId);
    if (input.targetKind === 'member') {
      const where = { communityId: input.asId };
      const [page, n] = await Promise.all([
        rows<MemberDoc>(ctx.db.collection('members').where(where).orderBy('_id', 'asc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
        count(ctx, 'members', where),
      ]);
      const units = await getMany<UnitDoc>(ctx, 'units', page.map((m) => (m.unitStatus === 'verified' ? m.unitId : null)));
      items = page.map((m) => ({ targetId: m._id, name: m.name ?? '', sub: [(m.unitId && units.get(m.unitId)?.name) || '', m.branch ?? ''].filter(Boolean).join(' · ') }));
      total = n;
    } else if (input.targetKind === 'unit') {
      const where = { communityId: input.asId };
      const [page, n] = await Promise.all([
        rows<UnitDoc>(ctx.db.collection('units').where(where).orderBy('_id', 'asc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
        count(ctx, 'units', where),
      ]);
      items = page.map((u) => ({ targetId: u._id, name: u.name, sub: '共建单位' }));
      total = n;
    } else fail('VALIDATION_FAILED', '社区评价党员或共建单位');
  } else {
    await requireUnitAdmin(ctx, input.asId);
    const u = await getDoc<UnitDoc>(ctx, 'units', input.asId);
    if (input.targetKind !== 'community') fail('VALIDATION_FAILED', '单位评价与其共建的社区');
    if (u?.communityId) {
      const org = await getDoc<OrgDoc>(ctx, 'orgs', u.communityId);
      items = [{ targetId: u.communityId, name: org?.name ?? u.communityId, sub: '共建社区' }];
      total = 1;
    }
  }
  const given = items.length
    ? await getAll<EvaluationDoc>(ctx, COLL, {
      raterKind: input.as, raterId: input.asId, targetKind: input.targetKind, period: String(input.year), targetId: _.in(items.map((i) => i.targetId)),
    }, undefined, items.length)
    : [];
  const byTarget = new Map(given.map((e) => [e.targetId, e]));
  return {
    items: items.map((i) => ({ ...i, evaluation: byTarget.has(i.targetId) ? dto(byTarget.get(i.targetId)!) : null })),
    total, page: input.page, pageSize: input.pageSize,
  };
}
