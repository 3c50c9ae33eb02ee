/** Community admin: pledge queues, batch approve / return, batch year-end review with points. */
import { AppError, fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { pledgeContract } from '../../core/contracts/pledge';
import { canReview, OUTCOMES, type PledgeOutcome } from '../../core/domain/pledge';
import { award } from '../_shared/ledger';
import { enqueue } from '../_lib/outbox';
import { requireCommunityAdmin } from '../_lib/auth';
import { count, getAll, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { transact, txGet, txUpdate } from '../_lib/tx';
import { audit } from '../task/store';
import { photoUrls } from '../_shared/userContent';
import { communityNames, loadPledge, normPledge, progressFor, thisYear, viewOf, type PledgeDoc } from './store';

type C = typeof pledgeContract;

const REVIEWED = [...OUTCOMES];

export async function adminList(input: ParsedInputOf<C, 'adminList'>, ctx: Ctx) {
  await requireCommunityAdmin(ctx, input.communityId);
  const year = input.year ?? thisYear(ctx.now);
  const _ = ctx.db.command;
  const base = { communityId: input.communityId, year };
  const statusOf = { submitted: 'submitted', approved: 'approved', due: 'approved', reviewed: _.in(REVIEWED) } as const;
  const [submitted, approved, reviewed] = await Promise.all([
    count(ctx, 'pledges', { ...base, status: 'submitted' }), count(ctx, 'pledges', { ...base, status: 'approved' }), count(ctx, 'pledges', { ...base, status: _.in(REVIEWED) }),
  ]);
  // a community has at most a few hundred pledges a year: progress needs them all for the due tab
  const docs = (await getAll<PledgeDoc>(ctx, 'pledges', { ...base, status: statusOf[input.tab] }, ['createdAt', 'asc'], 1000)).map(normPledge);
  const progress = await progressFor(ctx, docs);
  const names = await communityNames(ctx, [input.communityId]);
  let views = docs.map((d) => ({ doc: d, view: viewOf(d, progress.get(d._id), ctx.now, names.get(d.communityId) ?? '') }));
  if (input.tab === 'due') views = views.filter((v) => v.view.phase === 'due');
  const due = input.tab === 'due' ? views.length : docs.length === 0 ? 0 : -1;
  const page = views.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  const [members, urls] = await Promise.all([
    getMany<{ _id: string; name?: string; unitId?: string | null }>(ctx, 'members', page.map((v) => v.doc.openid)),
    photoUrls(ctx, page.flatMap((v) => v.doc.evidence.flatMap((e) => e.photos))),
  ]);
  const units = await getMany<{ _id: string; name: string }>(ctx, 'units', [...members.values()].map((m) => m.unitId));
  const items = page.map(({ doc }) => {
    const m = members.get(doc.openid);
    return { ...viewOf(doc, progress.get(doc._id), ctx.now, names.get(doc.communityId) ?? '', urls), openid: doc.openid, name: m?.name ?? '', unitName: (m?.unitId && units.get(m.unitId)?.name) || null };
  });
  const counts: Record<string, number> = { submitted, approved, reviewed };
  if (due >= 0) counts.due = due;
  return { items, total: views.length, page: input.page, pageSize: input.pageSize, counts };
}

/** Admin rights over each pledge's community, checked once per community. */
async function loadForAdmin(ctx: Ctx, ids: string[]) {
  const checked = new Map<string, AppError | null>();
  const out: Array<{ id: string; doc?: PledgeDoc; error?: string }> = [];
  for (const id of [...new Set(ids)]) {
    try {
      const doc = await loadPledge(ctx, id);
      if (!checked.has(doc.communityId)) {
        const refusal = await requireCommunityAdmin(ctx, doc.communityId)
          .then(() => null, (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)));
        checked.set(doc.communityId, refusal);
      }
      const err = checked.get(doc.communityId);
      if (err) throw err;
      if (doc.openid === ctx.openid) fail('FORBIDDEN', '不能审核自己的承诺');
      out.push({ id, doc });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push({ id, error: e.message });
    }
  }
  // one refusal for a batch that is entirely out of scope, so a stranger gets FORBIDDEN, not a list of skips
  if (out.every((o) => o.error) && [...checked.values()].some((e) => e)) throw [...checked.values()].find((e) => e)!;
  return out;
}

export async function decide(input: ParsedInputOf<C, 'decide'>, ctx: Ctx) {
  const done: string[] = [];
  const skipped: Array<{ id: string; message: string }> = [];
  for (const item of await loadForAdmin(ctx, input.ids)) {
    if (!item.doc) { skipped.push({ id: item.id, message: item.error ?? '' }); continue; }
    const p = item.doc;
    try {
      await transact(ctx, async (tx) => {
        const cur = await txGet<PledgeDoc>(tx, 'pledges', p._id);
        if (cur?.status !== 'submitted') fail('PLEDGE_NOT_SUBMITTED', '该承诺不在待审核状态');
        await txUpdate(tx, 'pledges', p._id, input.decision === 'approve'
          ? { status: 'approved', returnReason: null, decidedAt: ctx.now, decidedBy: ctx.openid, updatedAt: ctx.now }
          : { status: 'returned', returnReason: input.reason, decidedAt: ctx.now, decidedBy: ctx.openid, updatedAt: ctx.now });
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push({ id: p._id, message: e.message });
      continue;
    }
    done.push(p._id);
    // a pledge may be returned, edited and decided again: the decision's time is part of the cause
    const key = `pledge-${input.decision}:${p._id}:${ctx.now.getTime()}`;
    await enqueue(input.decision === 'approve'
      ? { key, openid: p.openid, kind: 'pledge', title: '承诺已审核通过', body: `您的承诺「${p.title}」已在社区承诺墙公示，请按期践诺。`, link: '/pledge/mine/index' }
      : { key, openid: p.openid, kind: 'pledge', title: '承诺被退回修改', body: `您的承诺「${p.title}」被退回：${input.reason}。请修改后重新提交。`, link: '/pledge/mine/index' }, { db: ctx.db, now: ctx.now });
  }
  if (input.decision === 'return' && done.length) await audit(ctx, { action: 'pledge.return', subjectId: done.join(','), reason: input.reason });
  return { done, skipped };
}

/**
 * Year-end review. The outcome is set in a transaction (one reviewer wins); points follow through
 * the ledger with the entry id `pledge:<pledgeId>:<openid>`, so a retry or a second reviewer can
 * never pay twice. A pledge judged but not yet paid (a call cut short) is paid by the next call.
 */
export async function review(input: ParsedInputOf<C, 'review'>, ctx: Ctx) {
  const byId = new Map(input.items.map((i) => [i.id, i]));
  const docs = await loadForAdmin(ctx, input.items.map((i) => i.id));
  const progress = await progressFor(ctx, docs.flatMap((d) => (d.doc ? [d.doc] : [])));
  const done: Array<{ id: string; outcome: PledgeOutcome; points: number }> = [];
  const skipped: Array<{ id: string; message: string }> = [];
  for (const item of docs) {
    if (!item.doc) { skipped.push({ id: item.id, message: item.error ?? '' }); continue; }
    const p = item.doc;
    const want = byId.get(p._id)!;
    const pr = progress.get(p._id) ?? { done: 0, goal: 0, percent: 0, events: [] };
    let judged: NonNullable<PledgeDoc['review']>;
    let resumed = false;
    try {
      judged = await transact(ctx, async (tx) => {
        const cur = normPledge(await txGet<PledgeDoc>(tx, 'pledges', p._id));
        if (cur.review) {
          if (cur.review.awarded) fail('PLEDGE_REVIEWED', '该承诺已评诺');
          resumed = true;
          return cur.review; // judged, not yet paid (a call cut short, or one running now): finish below
        }
        if (!canReview(cur.status, cur.deadline, pr.percent, ctx.now)) fail('PLEDGE_NOT_DUE', cur.status === 'approved' ? '承诺未到期且未完成目标，暂不能评诺' : '该承诺不在待评诺状态');
        const r = { outcome: want.outcome, reason: want.reason || null, objective: want.outcome !== 'fulfilled' && want.objective, points: 0, awarded: false, reviewedAt: ctx.now, reviewedBy: ctx.openid, progress: { done: pr.done, goal: pr.goal, percent: pr.percent } };
        await txUpdate(tx, 'pledges', p._id, { status: want.outcome, updatedAt: ctx.now, review: r });
        return r;
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      skipped.push({ id: p._id, message: e.message });
      continue;
    }
    const outcome = judged.outcome;
    let points = 0;
    let created = !resumed;
    if (outcome !== 'unfulfilled') {
      const a = await award(ctx, { openid: p.openid, cause: 'pledge', sourceId: p._id, communityId: p.communityId, at: ctx.now, actor: ctx.openid, variant: outcome === 'partly' ? 'partly' : undefined });
      points = a.amount;
      created = a.created || !resumed;
    }
    await ctx.db.collection('pledges').doc(p._id).update({ data: { review: { ...judged, points, awarded: true } } });
    if (!created) { skipped.push({ id: p._id, message: '该承诺已评诺' }); continue; }
    done.push({ id: p._id, outcome, points });
    const word = outcome === 'fulfilled' ? '已践诺' : outcome === 'partly' ? '部分践诺' : '未践诺';
    await enqueue({ key: `pledge-reviewed:${p._id}`, openid: p.openid, kind: 'pledge', title: `承诺评诺：${word}`, body: `您的承诺「${p.title}」年终评诺结果：${word}${points ? `，积分 +${points}` : ''}。${want.reason ? `说明：${want.reason}` : ''}`, link: '/pledge/mine/index' }, { db: ctx.db, now: ctx.now });
  }
  if (done.length) await audit(ctx, { action: 'pledge.review', subjectId: done.map((d) => d.id).join(','), reason: '年终评诺', detail: { done } });
  return { done, skipped };
}
