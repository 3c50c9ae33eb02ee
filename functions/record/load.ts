/**
 * Loads everything on one member's record (bounded reads: a member's own reports, signups and
 * ledger entries) and assembles the timeline with the pure rules in core/domain/record.
 */
import { assembleTimeline, type RecordEntry, type RecordReport, type RecordSignup, type TimelineItem, type Period } from '../../core/domain/record';
import { getAll, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { OrgDoc, ReportDoc } from '../_shared/report-docs';
import { toDate, toDateOrNull } from '../task/store';

interface SignupRow { _id: string; taskId: string; minutes: number | null; confirmed: boolean; noshow?: boolean; residentConfirmed?: boolean }
interface TaskRow { _id: string; title: string; communityName?: string; communityId: string; startAt: Date; endAt: Date }
interface EntryRow { _id: string; cause: string; amount: number; sourceId: string; reason?: string | null; createdAt: Date; reverses?: string | null }

export async function loadRecord(ctx: Pick<Ctx, 'db'>, openid: string, period: Period): Promise<TimelineItem[]> {
  const [reports, signups, entries] = await Promise.all([
    getAll<ReportDoc>(ctx, 'reports', { openid }, ['createdAt', 'desc'], 200),
    getAll<SignupRow>(ctx, 'signups', { openid, confirmed: true }, undefined, 2000),
    getAll<EntryRow>(ctx, 'ledger', { openid }, undefined, 5000),
  ]);
  const [tasks, orgs] = await Promise.all([
    getMany<TaskRow>(ctx, 'tasks', signups.map((s) => s.taskId)),
    getMany<OrgDoc>(ctx, 'orgs', reports.map((r) => r.communityId)),
  ]);
  const rs: RecordReport[] = reports.map((r) => ({
    _id: r._id, communityId: r.communityId, communityName: orgs.get(r.communityId)?.name ?? r.communityId, status: r.status,
    createdAt: toDate(r.createdAt), decidedAt: toDateOrNull(r.decidedAt), closedAt: toDateOrNull(r.closedAt), movedTo: r.movedTo ?? null, reason: r.reason ?? null,
  }));
  const ss: RecordSignup[] = [];
  for (const s of signups) {
    const t = tasks.get(s.taskId);
    if (!t) continue;
    ss.push({ taskId: s.taskId, title: t.title, communityName: t.communityName ?? '', startAt: toDate(t.startAt), endAt: toDate(t.endAt), minutes: s.minutes ?? 0, confirmed: s.confirmed, noshow: !!s.noshow, residentConfirmed: !!s.residentConfirmed });
  }
  const es: RecordEntry[] = entries.map((e) => ({ _id: e._id, cause: e.cause, amount: e.amount, sourceId: e.sourceId, reason: e.reason ?? null, createdAt: toDate(e.createdAt), reverses: e.reverses ?? null }));
  return assembleTimeline({ reports: rs, signups: ss, entries: es }, period);
}
