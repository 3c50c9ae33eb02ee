/**
 * What a report approval does after its one conditional write on the report (functions/report/review.ts
 * #approve). That write also marks the report `followUp: true`; the approval then places the member
 * (`placeMember`), closes the report moved from, and answers. The rest — the notices, the credit — is the
 * follow-up, run by the report function's every-minute timer (`runFollowUps`, also reconcile's first
 * step): each step is safe to repeat and the mark is cleared last, so a crash anywhere is finished by
 * the next tick. The credit is pending through its 公示 window anyway, so a minute's delay shows nowhere.
 */
import { timeOf } from '../../core/domain/dates';
import { entryIdOf, placeFrom } from '../../core/domain/ledger';
import { enqueue, enqueueAll } from '../_lib/outbox';
import { rows, updateWhere } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { awardOnce, effectiveRule, type AwardInput } from './ledger';
import { getDoc, orgNames, unitAdminOpenids, type MemberDoc, type ReportDoc } from './report-docs';

/** who approved (the credit's actor), the database, the time */
export type ApprovalCtx = Pick<Ctx, 'db' | 'openid' | 'now'>;

async function communityNameOf(ctx: Pick<Ctx, 'db'>, r: ReportDoc): Promise<string> {
  return r.communityName || (await orgNames(ctx.db, [r.communityId])).get(r.communityId) || '';
}

/**
 * The member is on an approved report submitted after `r`: a move approved since `r` was read as
 * approved (the timer's page, a repeat approval), which closed `r` — never placed back over it.
 */
function onLaterApproval(m: MemberDoc, r: ReportDoc): boolean {
  const cur = m.currentReport;
  return cur?.status === 'approved' && cur.id !== r._id && timeOf(cur.createdAt) > timeOf(r.createdAt);
}

/**
 * The member joins the approved report's community (2 round trips: read, write). `first`: this call
 * decided the report; otherwise (a repeat, or the timer after a crash) the member is written only while
 * this approval is not on it yet, and never over a later report.
 */
export async function placeMember(ctx: ApprovalCtx, r: ReportDoc, first: boolean): Promise<MemberDoc | null> {
  const m = await getDoc<MemberDoc>(ctx.db, 'members', r.openid);
  if (!m || !(first || (r.status === 'approved' && m.reportId !== r._id && !onLaterApproval(m, r)))) return m;
  const currentReport = { id: r._id, status: 'approved' as const, communityId: r.communityId, communityName: await communityNameOf(ctx, r), reason: null, createdAt: r.createdAt };
  const patch = { communityId: r.communityId, reportId: r._id, currentReport, updatedAt: ctx.now };
  // currentReport replaced whole (an object in update() merges key by key, keeping keys of the old one)
  await updateWhere(ctx.db, 'members', { _id: r.openid }, { ...patch, currentReport: ctx.db.command.set(currentReport), reportRev: ctx.db.command.inc(1) });
  return { ...m, ...patch, reportRev: (m.reportRev ?? 0) + 1 };
}

/** A move: the approved report of the community moved from closes (1 round trip; a repeat changes nothing). */
export async function closeMovedFrom(ctx: ApprovalCtx, r: ReportDoc): Promise<void> {
  if (r.moveFrom) await updateWhere(ctx.db, 'reports', { _id: r.moveFrom, status: 'approved' }, { status: 'closed', movedTo: r.communityId, closedAt: r.decidedAt ?? ctx.now });
}

/** The approval's credit: the rule in force, then awardOnce (its entry id makes it exactly once). */
async function creditApproval(ctx: ApprovalCtx, r: ReportDoc, m: MemberDoc | null): Promise<void> {
  const path = r.districtId ? [r.districtId, r.streetId ?? ''] : (await getDoc<{ path?: string[] }>(ctx.db, 'orgs', r.communityId))?.path;
  const rule = await effectiveRule(ctx, r.communityId, path?.[0] ?? null);
  // earned when approved, whenever the timer gets to it (the year and the day's cap follow the approval; the 公示 week is the write's)
  const input: AwardInput = { openid: r.openid, cause: 'report', sourceId: r._id, communityId: r.communityId, at: r.decidedAt ?? ctx.now, actor: ctx.openid };
  // this community is the member's home from now on (the member doc says so already)
  await awardOnce(ctx, input, { ...placeFrom(m, r.communityId, path), name: m?.name || r.name || null }, rule);
}

/** The follow-up of one approval: the notices, and LAST the credit. Throws when a step failed. */
async function followUp(ctx: ApprovalCtx, r: ReportDoc, m: MemberDoc | null): Promise<void> {
  const communityName = await communityNameOf(ctx, r);
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
  await creditApproval(ctx, r, m);
}

/** How far back reconcile looks for approvals from before the mark existed (the old nightly sweep's reach). */
const UNMARKED_DAYS = 7;

/**
 * Approvals decided before `followUp` existed (no such field) whose credit entry is missing — the
 * previous release left a failed credit to "approving again or reconcile's sweep" — are marked, so
 * runFollowUps finishes them like any other. Reconcile's, nightly; 2 queries per 100 such reports.
 */
export async function markUnmarkedApprovals(ctx: Pick<Ctx, 'db' | 'now'>): Promise<number> {
  const _ = ctx.db.command;
  const since = new Date(ctx.now.getTime() - UNMARKED_DAYS * 86_400_000);
  let marked = 0;
  for (let cursor = ''; ;) {
    const page = await rows<ReportDoc>(ctx.db.collection('reports').where({ status: 'approved', decidedAt: _.gte(since), followUp: _.exists(false), _id: _.gt(cursor) }).orderBy('_id', 'asc').limit(100));
    if (page.length === 0) return marked;
    const ids = page.map((r) => entryIdOf('report', r._id, r.openid));
    const have = new Set((await rows<{ _id: string }>(ctx.db.collection('ledger').where({ _id: _.in(ids) }).field({ _id: true }).limit(100))).map((e) => e._id));
    for (const r of page) {
      if (!have.has(entryIdOf('report', r._id, r.openid))) marked += await updateWhere(ctx.db, 'reports', { _id: r._id, status: 'approved', followUp: _.exists(false) }, { followUp: true, followUpAt: ctx.now });
    }
    if (page.length < 100) return marked;
    cursor = page[page.length - 1]._id;
  }
}

/** Reports followed up per tick, the longest waiting first; the rest wait for the next tick. */
const BATCH = 50;

/** After the n-th failure a follow-up waits 2^(n-1) minutes, at most an hour, so failing ones never fill a batch. */
export const followUpDelayMs = (tries: number) => Math.min(2 ** Math.max(0, tries - 1), 60) * 60_000;

export interface FollowUpRun { finished: number; failed: number; left: boolean }

/**
 * Runs the follow-ups of approved reports still marked (the timer, every minute; reconcile first thing).
 * A follow-up that fails stays marked and is tried again later (`followUpAt` pushed back by
 * followUpDelayMs, so a few that keep failing never hold up the others); the mark is cleared by a
 * conditional write, so two overlapping runs finish one approval once (each step is exactly-once).
 * `until`: a wall-clock time (ms) after which no further report is started (the function's timeout);
 * `postponedToo`: also those waiting after a failure (reconcile's nightly run tries every one).
 */
export async function runFollowUps(ctx: Pick<Ctx, 'db' | 'now'>, opts: { until?: number; postponedToo?: boolean } = {}): Promise<FollowUpRun> {
  const until = opts.until ?? Number.POSITIVE_INFINITY;
  const due = opts.postponedToo ? { followUp: true } : { followUp: true, followUpAt: ctx.db.command.lte(ctx.now) };
  const page = await rows<ReportDoc>(ctx.db.collection('reports').where(due).orderBy('followUpAt', 'asc').limit(BATCH));
  const run: FollowUpRun = { finished: 0, failed: 0, left: page.length === BATCH };
  for (const r of page) {
    if (Date.now() > until) return { ...run, left: true };
    const actx: ApprovalCtx = { db: ctx.db, now: ctx.now, openid: r.decidedBy ?? 'report-timer' };
    try {
      // what the approval does at once, again in case it crashed before (each changes nothing twice)
      await closeMovedFrom(actx, r);
      const m = await placeMember(actx, r, false);
      await followUp(actx, r, m);
      if (await updateWhere(ctx.db, 'reports', { _id: r._id, followUp: true }, { followUp: false })) run.finished++;
    } catch (err) {
      const tries = (r.followUpTries ?? 0) + 1;
      console.error(`[report] approval follow-up failed (${tries}×); tried again in ${followUpDelayMs(tries) / 60_000} min`, r._id, err);
      run.failed++;
      await updateWhere(ctx.db, 'reports', { _id: r._id, followUp: true }, { followUpAt: new Date(ctx.now.getTime() + followUpDelayMs(tries)), followUpTries: tries })
        .catch((e: unknown) => console.error('[report] could not postpone the follow-up', r._id, e));
    }
  }
  return run;
}
