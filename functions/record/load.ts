/**
 * Loads everything on members' records (their reports, confirmed signups and ledger entries) and
 * assembles each timeline with the pure rules in core/domain/record. Works on a batch of members so
 * an export reads a page of 100 members with a handful of queries, not a few per member.
 */
import { assembleTimeline, type RecordEntry, type RecordEvaluation, type RecordExtra, type RecordReport, type RecordSignup, type TimelineItem, type Period } from '../../core/domain/record';
import { getAll, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { OrgDoc, ReportDoc } from '../_shared/report-docs';
import { toDate as dateOrNull } from '../../core/domain/dates';

const toDateOrNull = dateOrNull;
const toDate = (v: unknown): Date => dateOrNull(v) ?? new Date(NaN);

interface SignupRow { _id: string; openid: string; taskId: string; minutes: number | null; confirmed: boolean; noshow?: boolean; residentConfirmed?: boolean }
interface TaskRow { _id: string; title: string; communityName?: string; communityId: string; startAt: Date; endAt: Date }
interface EntryRow {
  _id: string; openid: string; cause: string; amount: number; pending?: number | null; effective?: number | null; sourceId: string;
  reason?: string | null; createdAt: Date; reverses?: string | null; review?: RecordEntry['review']; held?: { amount: number } | null;
}
interface PledgeRow {
  _id: string; openid: string; title: string; status: string; createdAt: unknown; submittedAt?: unknown; decidedAt?: unknown;
  review?: { reviewedAt?: unknown; points?: number } | null;
}
interface ClaimRow { _id: string; wishId: string; members: string[]; status: string; createdAt: unknown; confirmedAt?: unknown }
interface EvaluationRow {
  _id: string; targetKind: string; targetId: string; raterName: string; score: number; grade?: string | null; remark?: string; createdAt: unknown;
}

const PLEDGE_STATUS: Record<string, string> = { submitted: '待审核', returned: '已退回', approved: '践诺中', fulfilled: '已践诺', partly: '部分践诺', unfulfilled: '未践诺' };
const CLAIM_STATUS: Record<string, string> = { active: '认领中', fulfilled: '待确认', confirmed: '已实现' };

function group<T extends { openid: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.openid);
    if (list) list.push(r);
    else m.set(r.openid, [r]);
  }
  return m;
}

/** Timelines of up to 100 members, by openid (members with nothing on record get an empty list). */
export async function loadRecords(ctx: Pick<Ctx, 'db'>, openids: string[], period: Period): Promise<Map<string, TimelineItem[]>> {
  const _ = ctx.db.command;
  const who = openids.length === 1 ? openids[0] : _.in(openids);
  const [reports, signups, entries, pledges, claims, evaluations] = await Promise.all([
    getAll<ReportDoc>(ctx, 'reports', { openid: who }, ['createdAt', 'desc'], 100 * openids.length),
    getAll<SignupRow>(ctx, 'signups', { openid: who, confirmed: true }, undefined, 2000 * openids.length),
    getAll<EntryRow>(ctx, 'ledger', { openid: who }, undefined, 5000 * openids.length),
    getAll<PledgeRow>(ctx, 'pledges', { openid: who, status: _.neq('draft') }, undefined, 50 * openids.length),
    getAll<ClaimRow>(ctx, 'wishClaims', { members: _.in(openids), status: _.in(['active', 'fulfilled', 'confirmed']) }, undefined, 100 * openids.length),
    getAll<EvaluationRow>(ctx, 'evaluations', { targetKind: 'member', targetId: who }, undefined, 20 * openids.length),
  ]);
  const [tasks, orgs, wishes] = await Promise.all([
    getMany<TaskRow>(ctx, 'tasks', signups.map((s) => s.taskId)),
    getMany<OrgDoc>(ctx, 'orgs', reports.map((r) => r.communityId)),
    getMany<{ _id: string; title: string }>(ctx, 'wishes', claims.map((c) => c.wishId)),
  ]);
  const byPledges = group(pledges);
  const byEvaluations = group(evaluations.map((e) => ({ ...e, openid: e.targetId })));
  const byClaims = new Map<string, ClaimRow[]>();
  for (const c of claims) for (const m of c.members) byClaims.set(m, [...(byClaims.get(m) ?? []), c]);
  const byReports = group(reports);
  const bySignups = group(signups);
  const byEntries = group(entries);
  const out = new Map<string, TimelineItem[]>();
  for (const openid of openids) {
    const rs: RecordReport[] = (byReports.get(openid) ?? []).map((r) => ({
      _id: r._id, communityId: r.communityId, communityName: orgs.get(r.communityId)?.name ?? r.communityId, status: r.status,
      createdAt: toDate(r.createdAt), decidedAt: toDateOrNull(r.decidedAt), closedAt: toDateOrNull(r.closedAt),
      movedTo: r.movedTo ?? null, reason: r.reason ?? null,
    }));
    const ss: RecordSignup[] = [];
    for (const s of bySignups.get(openid) ?? []) {
      const t = tasks.get(s.taskId);
      if (!t) continue;
      ss.push({ taskId: s.taskId, title: t.title, communityName: t.communityName ?? '', startAt: toDate(t.startAt), endAt: toDate(t.endAt), minutes: s.minutes ?? 0, confirmed: s.confirmed, noshow: !!s.noshow, residentConfirmed: !!s.residentConfirmed });
    }
    // an entry written before balance parts existed counted at once: all of it effective
    const es: RecordEntry[] = (byEntries.get(openid) ?? []).map((e) => {
      const legacy = e.pending == null && e.effective == null;
      return {
        _id: e._id, cause: e.cause, amount: e.amount, pending: legacy ? 0 : e.pending ?? 0, effective: legacy ? e.amount : e.effective ?? 0,
        sourceId: e.sourceId, reason: e.reason ?? null, createdAt: toDate(e.createdAt), reverses: e.reverses ?? null, review: e.review ?? null,
        proposed: e.held?.amount ?? null,
      };
    });
    const extras: RecordExtra[] = [];
    for (const p of byPledges.get(openid) ?? []) {
      const at = toDateOrNull(p.review?.reviewedAt) ?? toDateOrNull(p.decidedAt) ?? toDateOrNull(p.submittedAt) ?? toDate(p.createdAt);
      extras.push({ id: `pledge:${p._id}`, kind: 'pledge', at, title: `承诺：${p.title}`, detail: p.review ? `年终评诺${p.review.points ? `，积分 +${p.review.points}` : ''}` : '', status: PLEDGE_STATUS[p.status] ?? p.status });
    }
    for (const c of byClaims.get(openid) ?? []) {
      extras.push({ id: `wish:${c._id}`, kind: 'wish', at: toDateOrNull(c.confirmedAt) ?? toDate(c.createdAt), title: `微心愿：${wishes.get(c.wishId)?.title ?? ''}`, detail: c.members.length > 1 ? `${c.members.length} 人共同认领` : '', status: CLAIM_STATUS[c.status] ?? c.status });
    }
    const evs: RecordEvaluation[] = (byEvaluations.get(openid) ?? []).map((e) => ({ _id: e._id, targetKind: e.targetKind, score: e.score, grade: e.grade ?? null, remark: e.remark ?? '', raterName: e.raterName, at: toDate(e.createdAt) }));
    out.set(openid, assembleTimeline({ reports: rs, signups: ss, entries: es, extras, evaluations: evs }, period));
  }
  return out;
}

export async function loadRecord(ctx: Pick<Ctx, 'db'>, openid: string, period: Period): Promise<TimelineItem[]> {
  return (await loadRecords(ctx, [openid], period)).get(openid) ?? [];
}
