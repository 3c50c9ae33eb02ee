/** A member's own pledges: list with progress, create/edit/submit, delete a draft, evidence; the pledge wall. */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { pledgeContract } from '../../core/contracts/pledge';
import { maskName } from '../../core/domain/mask';
import { canAddEvidence, canRate, canSelfEvaluate, checkDeadline, memberCanEdit, noRatings, phaseOf } from '../../core/domain/pledge';
import { effectiveRule } from '../_shared/ledger';
import { count, getAll, getDoc, getMany, rows } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { once } from '../_lib/once';
import { transact, txGet, txSet, txUpdate } from '../_lib/tx';
import { newId } from '../task/store';
import { checkPhotos, checkTexts, photoUrls } from '../_shared/userContent';
import {
  MAX_EVIDENCE, communityNames, evidenceIdOf, loadPledge, normPledge, progressFor, targetText, thisYear, viewOf, type PledgeDoc,
} from './store';

type C = typeof pledgeContract;

interface MemberDoc { _id: string; name?: string; communityId?: string | null; unitId?: string | null; unitStatus?: string | null }

async function reportedCommunity(ctx: Ctx): Promise<string> {
  const m = await getDoc<MemberDoc>(ctx, 'members', ctx.openid);
  if (!m?.communityId) fail('NOT_REPORTED', '请先到社区报到，报到通过后再作承诺');
  return m.communityId;
}

async function viewsOf(ctx: Ctx, docs: PledgeDoc[]) {
  const [progress, names] = await Promise.all([progressFor(ctx, docs), communityNames(ctx, [...new Set(docs.map((d) => d.communityId))])]);
  const urls = await photoUrls(ctx, docs.flatMap((d) => d.evidence.flatMap((e) => e.photos)));
  return docs.map((d) => viewOf(d, progress.get(d._id), ctx.now, names.get(d.communityId) ?? '', urls));
}

export async function mine(input: ParsedInputOf<C, 'mine'>, ctx: Ctx) {
  const year = input.year ?? thisYear(ctx.now);
  const member = await getDoc<MemberDoc>(ctx, 'members', ctx.openid);
  const communityId = member?.communityId ?? null;
  const [raw, rule] = await Promise.all([
    rows<PledgeDoc>(ctx.db.collection('pledges').where({ openid: ctx.openid, year }).orderBy('createdAt', 'asc').limit(100)),
    effectiveRule(ctx, communityId),
  ]);
  const docs = raw.map(normPledge);
  const items = await viewsOf(ctx, docs);
  const limit = rule.rule.pledgeMax;
  return { year, limit, used: docs.length, canPledge: !!communityId && docs.length < limit && year === thisYear(ctx.now), communityId, items };
}

async function linkOf(ctx: Ctx, communityId: string, link: { kind: 'need' | 'project'; id: string } | null) {
  if (!link) return null;
  const doc = await getDoc<{ communityId: string; title: string }>(ctx, link.kind === 'need' ? 'needs' : 'projects', link.id);
  if (!doc || doc.communityId !== communityId) fail('LINK_NOT_FOUND', '所选清单事项不存在或不属于本社区');
  return { kind: link.kind, id: link.id, title: doc.title };
}

export async function save(input: ParsedInputOf<C, 'save'>, ctx: Ctx) {
  const deadline = new Date(input.deadline);
  const fields = { type: input.type, title: input.title, target: input.target, deadline };
  if (input.id) {
    const old = await loadPledge(ctx, input.id);
    if (old.openid !== ctx.openid) fail('FORBIDDEN', '只能修改自己的承诺');
    if (!memberCanEdit(old.status)) fail('PLEDGE_LOCKED', old.status === 'submitted' ? '承诺正在审核中，不能修改' : '承诺已公示，不能再修改');
    const problem = checkDeadline(deadline, old.year, ctx.now);
    if (problem) fail('INVALID_DEADLINE', problem);
    await checkTexts(ctx, { 承诺内容: input.title });
    const link = await linkOf(ctx, old.communityId, input.link);
    const patch = { ...fields, link, status: input.submit ? 'submitted' : old.status, submittedAt: input.submit ? ctx.now : null, updatedAt: ctx.now };
    await transact(ctx, async (tx) => {
      const cur = await txGet<PledgeDoc>(tx, 'pledges', old._id);
      if (!cur || !memberCanEdit(cur.status)) fail('PLEDGE_LOCKED', '承诺状态已变化，请刷新后重试');
      await txUpdate(tx, 'pledges', old._id, patch);
    });
    const [view] = await viewsOf(ctx, [await loadPledge(ctx, old._id)]);
    return { pledge: view, created: false };
  }

  const year = thisYear(ctx.now);
  const made = await once(ctx, 'pledge', input.requestId, {
    prepare: async () => {
      const communityId = await reportedCommunity(ctx);
      const problem = checkDeadline(deadline, year, ctx.now);
      if (problem) fail('INVALID_DEADLINE', problem);
      const { rule } = await effectiveRule(ctx, communityId);
      const used = await count(ctx, 'pledges', { openid: ctx.openid, year });
      if (used >= rule.pledgeMax) fail('PLEDGE_LIMIT', `每年最多作 ${rule.pledgeMax} 项承诺，您今年已有 ${used} 项`);
      await checkTexts(ctx, { 承诺内容: input.title });
      return { communityId, link: await linkOf(ctx, communityId, input.link), used, max: rule.pledgeMax };
    },
    create: async (tx, { communityId, link, used, max }) => {
      // the yearly limit holds under concurrent requests: a per-member-year counter read and written in
      // this transaction (locked), started from the count when the member has none yet
      const counter = await txGet<{ value: number }>(tx, 'counters', pledgeCounterId(year, ctx.openid));
      const taken = counter ? counter.value : used;
      if (taken >= max) fail('PLEDGE_LIMIT', `每年最多作 ${max} 项承诺，您今年已有 ${taken} 项`);
      await txSet(tx, 'counters', pledgeCounterId(year, ctx.openid), { value: taken + 1, updatedAt: ctx.now });
      const id = newId('pl', ctx.now);
      const doc: PledgeDoc = {
        _id: id, openid: ctx.openid, year, communityId, ...fields, link, status: input.submit ? 'submitted' : 'draft', returnReason: null,
        evidence: [], review: null, reminders: [], requestId: input.requestId, createdAt: ctx.now, updatedAt: ctx.now,
        submittedAt: input.submit ? ctx.now : null, decidedAt: null, decidedBy: null,
      };
      await txSet(tx, 'pledges', id, doc);
      return { id, answer: { id } };
    },
  });
  const [view] = await viewsOf(ctx, [await loadPledge(ctx, made.id)]);
  return { pledge: view, created: !made.replayed };
}

/** `counters` id of a member's pledges in a year (the yearly limit). */
const pledgeCounterId = (year: number, openid: string) => `pledges:${year}:${openid}`;

export async function remove(input: ParsedInputOf<C, 'remove'>, ctx: Ctx) {
  const p = await getDoc<PledgeDoc>(ctx, 'pledges', input.id);
  if (!p) return { removed: false };
  if (p.openid !== ctx.openid) fail('FORBIDDEN', '只能删除自己的承诺');
  if (p.status !== 'draft' && p.status !== 'returned') fail('PLEDGE_LOCKED', '只能删除草稿或被退回的承诺');
  // the pledge and its place in the yearly limit go together
  const removed = await transact(ctx, async (tx) => {
    if (!(await txGet<PledgeDoc>(tx, 'pledges', p._id))) return false;
    const counterId = pledgeCounterId(p.year, p.openid);
    const counter = await txGet<{ value: number }>(tx, 'counters', counterId);
    if (counter) await txSet(tx, 'counters', counterId, { value: Math.max(0, counter.value - 1), updatedAt: ctx.now });
    await tx.collection('pledges').doc(p._id).remove();
    return true;
  });
  return { removed };
}

export async function addEvidence(input: ParsedInputOf<C, 'addEvidence'>, ctx: Ctx) {
  const p = await loadPledge(ctx, input.id);
  if (p.openid !== ctx.openid) fail('FORBIDDEN', '只能为自己的承诺添加践诺记录');
  if (!canAddEvidence(p.status)) fail('PLEDGE_NOT_PUBLIC', p.status === 'submitted' || p.status === 'draft' || p.status === 'returned' ? '承诺审核通过后才能添加践诺记录' : '承诺已评诺，不能再添加记录');
  await checkTexts(ctx, { 践诺记录: input.text });
  await checkPhotos(ctx, input.photos);
  const evidenceId = evidenceIdOf(ctx.openid, input.requestId);
  await transact(ctx, async (tx) => {
    const cur = normPledge(await txGet<PledgeDoc>(tx, 'pledges', p._id));
    if (cur.evidence.some((e) => e.id === evidenceId)) return;
    if (!canAddEvidence(cur.status)) fail('PLEDGE_NOT_PUBLIC', '承诺状态已变化，请刷新后重试');
    if (cur.evidence.length >= MAX_EVIDENCE) fail('EVIDENCE_LIMIT', `每项承诺最多 ${MAX_EVIDENCE} 条践诺记录`);
    await txUpdate(tx, 'pledges', p._id, { evidence: [...cur.evidence, { id: evidenceId, text: input.text, photos: input.photos, createdAt: ctx.now }], updatedAt: ctx.now });
  });
  const [view] = await viewsOf(ctx, [await loadPledge(ctx, p._id)]);
  return { pledge: view };
}

/** Open needs and running projects of my community (titles only: what a member may link a pledge to). */
export async function linkOptions(_input: ParsedInputOf<C, 'linkOptions'>, ctx: Ctx) {
  const communityId = await reportedCommunity(ctx);
  const _ = ctx.db.command;
  const [needs, projects] = await Promise.all([
    getAll<{ _id: string; title: string }>(ctx, 'needs', { communityId, status: _.neq('closed') }, ['createdAt', 'desc'], 50),
    getAll<{ _id: string; title: string }>(ctx, 'projects', { communityId, status: _.in(['planned', 'active']) }, ['createdAt', 'desc'], 50),
  ]);
  return { items: [...needs.map((n) => ({ kind: 'need' as const, id: n._id, title: n.title })), ...projects.map((p) => ({ kind: 'project' as const, id: p._id, title: p.title }))] };
}

/** 自评: the member's own account while the pledge waits for the year-end review (rewritable until judged). */
export async function selfEvaluate(input: ParsedInputOf<C, 'selfEvaluate'>, ctx: Ctx) {
  const p = await loadPledge(ctx, input.id);
  if (p.openid !== ctx.openid) fail('FORBIDDEN', '只能为自己的承诺写自评');
  const [pr] = (await progressFor(ctx, [p])).values();
  if (!canSelfEvaluate(p.status, p.deadline, pr?.percent ?? 0, ctx.now)) {
    fail('PLEDGE_NOT_DUE', p.review ? '承诺已评诺，不能再改自评' : '承诺到期或完成目标后才能写自评');
  }
  await checkTexts(ctx, { 自评: input.text });
  await transact(ctx, async (tx) => {
    const cur = normPledge(await txGet<PledgeDoc>(tx, 'pledges', p._id));
    if (cur.status !== 'approved') fail('PLEDGE_NOT_DUE', '承诺已评诺，不能再改自评');
    await txUpdate(tx, 'pledges', p._id, { selfEval: { text: input.text, at: ctx.now }, updatedAt: ctx.now });
  });
  const [view] = await viewsOf(ctx, [await loadPledge(ctx, p._id)]);
  return { pledge: view };
}

/**
 * 群众评: anyone but the member rates a pledge that is due or judged, once: the rating document
 * (`<pledgeId>:<openid>`) and the tally on the pledge are written in one transaction, so a double
 * tap or two devices count one rating.
 */
export async function rate(input: ParsedInputOf<C, 'rate'>, ctx: Ctx) {
  const p = await loadPledge(ctx, input.id);
  const [pr] = (await progressFor(ctx, [p])).values();
  const may = canRate(p.status, p.deadline, pr?.percent ?? 0, ctx.now, ctx.openid, p.openid);
  if (may === 'own') fail('FORBIDDEN', '不能评价自己的承诺');
  if (may === 'early') fail('PLEDGE_NOT_DUE', '承诺到期或完成后才能评价');
  const ratingId = `${p._id}:${ctx.openid}`;
  return transact(ctx, async (tx) => {
    const mine = await txGet<{ rating: 'good' | 'fair' | 'poor' }>(tx, 'pledgeRatings', ratingId);
    const cur = normPledge(await txGet<PledgeDoc>(tx, 'pledges', p._id));
    const ratings = { ...noRatings(), ...(cur.ratings ?? {}) };
    if (mine) return { ratings, myRating: mine.rating, already: true };
    ratings[input.rating] += 1;
    await txSet(tx, 'pledgeRatings', ratingId, { pledgeId: p._id, openid: ctx.openid, communityId: p.communityId, rating: input.rating, requestId: input.requestId, createdAt: ctx.now });
    await txUpdate(tx, 'pledges', p._id, { ratings, updatedAt: ctx.now });
    return { ratings, myRating: input.rating, already: false };
  });
}

const PUBLIC = ['approved', 'fulfilled', 'partly', 'unfulfilled'];

export async function wall(input: ParsedInputOf<C, 'wall'>, ctx: Ctx) {
  const communityId = input.communityId ?? (await reportedCommunity(ctx));
  const year = input.year ?? thisYear(ctx.now);
  const where = { communityId, year, status: ctx.db.command.in(PUBLIC) };
  const coll = ctx.db.collection('pledges');
  const [res, total, names] = await Promise.all([
    rows<PledgeDoc>(coll.where(where).orderBy('createdAt', 'desc').skip((input.page - 1) * input.pageSize).limit(input.pageSize)),
    count(ctx, 'pledges', where),
    communityNames(ctx, [communityId]),
  ]);
  const docs = res.map(normPledge);
  const [progress, members, mine] = await Promise.all([
    progressFor(ctx, docs),
    getMany<MemberDoc>(ctx, 'members', docs.map((d) => d.openid)),
    getMany<{ _id: string; rating: 'good' | 'fair' | 'poor' }>(ctx, 'pledgeRatings', docs.map((d) => `${d._id}:${ctx.openid}`)),
  ]);
  const items = docs.map((d) => {
    const pr = progress.get(d._id);
    const myRating = mine.get(`${d._id}:${ctx.openid}`)?.rating;
    const explanation = d.review?.outcome === 'unfulfilled' || d.review?.outcome === 'partly' ? `${d.review.objective ? '客观原因：' : ''}${d.review.reason ?? ''}` : null;
    return {
      id: d._id, name: maskName(members.get(d.openid)?.name ?? '党员'), type: d.type, title: d.title, targetText: targetText(d.target),
      deadline: d.deadline.toISOString(), phase: phaseOf(d.status, d.deadline, pr?.percent ?? 0, ctx.now), percent: pr?.percent ?? 0, explanation,
      ratings: { ...noRatings(), ...(d.ratings ?? {}) },
      myRating: myRating ?? null,
      canRate: !myRating && canRate(d.status, d.deadline, pr?.percent ?? 0, ctx.now, ctx.openid, d.openid) === 'ok',
    };
  });
  return { items, total, page: input.page, pageSize: input.pageSize, communityId, communityName: names.get(communityId) ?? '' };
}
