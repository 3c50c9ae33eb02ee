/**
 * What a report approval does after its one conditional write on the report (functions/report/review.ts
 * #approve): shared with reconcile, whose nightly sweep finishes approvals that crashed half-way.
 */
import { entryIdOf, placeFrom } from '../../core/domain/ledger';
import { enqueue, enqueueAll } from '../_lib/outbox';
import { rows, updateWhere } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { awardOnce, effectiveRule, type AwardInput } from './ledger';
import { getDoc, orgNames, unitAdminOpenids, type MemberDoc, type ReportDoc } from './report-docs';

/** who approved (the credit's actor), the database, the time */
export type ApprovalCtx = Pick<Ctx, 'db' | 'openid' | 'now'>;

/** The approval's credit: the rule in force, then awardOnce (its entry id makes it exactly once). */
async function creditApproval(ctx: ApprovalCtx, r: ReportDoc, m: MemberDoc | null): Promise<boolean> {
  try {
    const path = r.districtId ? [r.districtId, r.streetId ?? ''] : (await getDoc<{ path?: string[] }>(ctx.db, 'orgs', r.communityId))?.path;
    const rule = await effectiveRule(ctx, r.communityId, path?.[0] ?? null);
    const input: AwardInput = { openid: r.openid, cause: 'report', sourceId: r._id, communityId: r.communityId, at: ctx.now, actor: ctx.openid };
    // this community is the member's home from now on (the member doc says so already)
    await awardOnce(ctx, input, { ...placeFrom(m, r.communityId, path), name: m?.name || r.name || null }, rule);
    return true;
  } catch (err) {
    // the approval stands; approving again (or reconcile's sweep) retries the exactly-once credit
    console.error('[approve] award failed', err);
    return false;
  }
}

/**
 * Everything approving does after the report's conditional write, each step safe to repeat, so a
 * retried approval — or reconcile's sweep (`finishApprovals`) — finishes one that crashed half-way: the member, the report moved from, the notices, and LAST the credit —
 * its entry existing means every step before it was done. `first`: this call decided the report;
 * a repeat writes the member only while this approval is not on it yet (never over a later report).
 */
export async function finishApproval(ctx: ApprovalCtx, r: ReportDoc, first: boolean): Promise<{ member: MemberDoc | null; pointsAwarded: boolean }> {
  const communityName = r.communityName || (await orgNames(ctx.db, [r.communityId])).get(r.communityId) || '';
  const m = await getDoc<MemberDoc>(ctx.db, 'members', r.openid);
  let member = m;
  if (m && (first || (r.status === 'approved' && m.reportId !== r._id))) {
    const currentReport = { id: r._id, status: 'approved' as const, communityId: r.communityId, communityName, reason: null, createdAt: r.createdAt };
    const patch = { communityId: r.communityId, reportId: r._id, currentReport, updatedAt: ctx.now };
    // currentReport replaced whole (an object in update() merges key by key, keeping keys of the old one)
    await updateWhere(ctx.db, 'members', { _id: r.openid }, { ...patch, currentReport: ctx.db.command.set(currentReport), reportRev: ctx.db.command.inc(1) });
    member = { ...m, ...patch, reportRev: (m.reportRev ?? 0) + 1 };
  }
  if (r.moveFrom) await updateWhere(ctx.db, 'reports', { _id: r.moveFrom, status: 'approved' }, { status: 'closed', movedTo: r.communityId, closedAt: ctx.now });
  await enqueue({
    key: `report-result:${r._id}`, openid: r.openid, kind: 'report', title: '报到已通过', body: `您已成功到${communityName}报到，欢迎参与社区志愿服务。`, link: '/pages/report/index',
    values: { place: communityName || '居住社区', status: '已通过' },
  }, { db: ctx.db, now: ctx.now });
  if (m?.unitId && m.unitStatus === 'verified') {
    await enqueueAll((await unitAdminOpenids(ctx.db, m.unitId)).map((admin) => ({
      key: `report-unit:${r._id}:${admin}`, openid: admin,
      kind: 'report', title: '本单位党员已报到', body: `${m.name ?? ''} 已到${communityName}报到。`, link: '/admin-unit/members/index',
    })), { db: ctx.db, now: ctx.now });
  }
  return { member, pointsAwarded: await creditApproval(ctx, r, m) };
}

/** How far back reconcile looks for approvals without their credit (a crash is found the next night). */
const SWEEP_DAYS = 7;

/**
 * Reconcile's sweep: approved reports decided in the last SWEEP_DAYS whose credit entry is missing
 * (the approval crashed after deciding the report) are finished as their approver would have.
 * Returns how many. Two queries per 100 reports (the reports, their entries by id).
 */
export async function finishApprovals(ctx: Pick<Ctx, 'db' | 'now'>): Promise<number> {
  const _ = ctx.db.command;
  const since = new Date(ctx.now.getTime() - SWEEP_DAYS * 86_400_000);
  let finished = 0;
  for (let cursor = ''; ;) {
    const page = await rows<ReportDoc>(ctx.db.collection('reports').where({ status: 'approved', decidedAt: _.gte(since), _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(100));
    if (page.length === 0) return finished;
    const ids = page.map((r) => entryIdOf('report', r._id, r.openid));
    const have = new Set((await rows<{ _id: string }>(ctx.db.collection('ledger').where({ _id: _.in(ids) }).field({ _id: true }).limit(100))).map((e) => e._id));
    for (const r of page) {
      if (have.has(entryIdOf('report', r._id, r.openid))) continue;
      if ((await finishApproval({ db: ctx.db, now: ctx.now, openid: r.decidedBy ?? 'reconcile' }, r, false)).pointsAwarded) finished++;
    }
    if (page.length < 100) return finished;
    cursor = page[page.length - 1]._id;
  }
}
