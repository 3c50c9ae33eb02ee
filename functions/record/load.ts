/**
 * Loads everything on members' records (their reports, confirmed signups and ledger entries) and
 * assembles each timeline with the pure rules in core/domain/record. Works on a batch of members so
 * an export reads a page of 100 members with a handful of queries, not a few per member.
 */
import { assembleTimeline, type RecordEntry, type RecordReport, type RecordSignup, type TimelineItem, type Period } from '../../core/domain/record';
import { getAll, getMany } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import type { OrgDoc, ReportDoc } from '../_shared/report-docs';
import { toDate as dateOrNull } from '../../core/domain/dates';

const toDateOrNull = dateOrNull;
const toDate = (v: unknown): Date => dateOrNull(v) ?? new Date(NaN);

interface SignupRow { _id: string; openid: string; taskId: string; minutes: number | null; confirmed: boolean; noshow?: boolean; residentConfirmed?: boolean }
interface TaskRow { _id: string; title: string; communityName?: string; communityId: string; startAt: Date; endAt: Date }
interface EntryRow { _id: string; openid: string; cause: string; amount: number; sourceId: string; reason?: string | null; createdAt: Date; reverses?: string | null }

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
  const [reports, signups, entries] = await Promise.all([
    getAll<ReportDoc>(ctx, 'reports', { openid: who }, ['createdAt', 'desc'], 100 * openids.length),
    getAll<SignupRow>(ctx, 'signups', { openid: who, confirmed: true }, undefined, 2000 * openids.length),
    getAll<EntryRow>(ctx, 'ledger', { openid: who }, undefined, 5000 * openids.length),
  ]);
  const [tasks, orgs] = await Promise.all([
    getMany<TaskRow>(ctx, 'tasks', signups.map((s) => s.taskId)),
    getMany<OrgDoc>(ctx, 'orgs', reports.map((r) => r.communityId)),
  ]);
  const byReports = group(reports);
  const bySignups = group(signups);
  const byEntries = group(entries);
  const out = new Map<string, TimelineItem[]>();
  for (const openid of openids) {
    const rs: RecordReport[] = (byReports.get(openid) ?? []).map((r) => ({
      _id: r._id, communityId: r.communityId, communityName: orgs.get(r.communityId)?.name ?? r.communityId, status: r.status,
      createdAt: toDate(r.createdAt), decidedAt: toDateOrNull(r.decidedAt), closedAt: toDateOrNull(r.closedAt), movedTo: r.movedTo ?? null, reason: r.reason ?? null,
    }));
    const ss: RecordSignup[] = [];
    for (const s of bySignups.get(openid) ?? []) {
      const t = tasks.get(s.taskId);
      if (!t) continue;
      ss.push({ taskId: s.taskId, title: t.title, communityName: t.communityName ?? '', startAt: toDate(t.startAt), endAt: toDate(t.endAt), minutes: s.minutes ?? 0, confirmed: s.confirmed, noshow: !!s.noshow, residentConfirmed: !!s.residentConfirmed });
    }
    const es: RecordEntry[] = (byEntries.get(openid) ?? []).map((e) => ({ _id: e._id, cause: e.cause, amount: e.amount, sourceId: e.sourceId, reason: e.reason ?? null, createdAt: toDate(e.createdAt), reverses: e.reverses ?? null }));
    out.set(openid, assembleTimeline({ reports: rs, signups: ss, entries: es }, period));
  }
  return out;
}

export async function loadRecord(ctx: Pick<Ctx, 'db'>, openid: string, period: Period): Promise<TimelineItem[]> {
  return (await loadRecords(ctx, [openid], period)).get(openid) ?? [];
}
