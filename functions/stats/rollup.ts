/**
 * The roll-up: read every row the dashboards need (paged by `_id` cursor, only the fields used),
 * compute every scope's months (core/domain/stats.ts#rollUp) and `set` each document by its id.
 * Idempotent: `asOf` is the run's hour (China time is whole hours from UTC), so two runs in the
 * same hour over the same data write the same documents; a later run overwrites, never duplicates.
 * It reads the other features' collections and writes only `statsMonths`.
 */
import { lastMonths, rollUp, type Snapshot } from '../../core/domain/stats';
import { toDate } from '../../core/domain/dates';
import type { Database } from '../_lib/cloud';

const PAGE = 100;
const PARALLEL_WRITES = 8;

export interface RollupCtx { db: Database; now: Date }
export interface RollupStats { documents: number; reads: number; ms: number; asOf: Date }

/** Every document of a collection matching `where`, `fields` only, 100 per round trip, by `_id` cursor. */
async function scan<T>(db: Database, coll: string, fields: string[], where: Record<string, unknown> = {}): Promise<{ rows: T[]; reads: number }> {
  const _ = db.command;
  const out: T[] = [];
  let after = '';
  let reads = 0;
  const projection = Object.fromEntries(['_id', ...fields].map((f) => [f, true]));
  for (;;) {
    const res = (await db.collection(coll).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field(projection).get()) as unknown as { data: Array<T & { _id: string }> };
    reads++;
    out.push(...res.data);
    if (res.data.length < PAGE) return { rows: out, reads };
    after = res.data[res.data.length - 1]._id;
  }
}

const d = (v: unknown) => toDate(v) ?? new Date(0);
const dn = (v: unknown) => toDate(v);

export async function loadSnapshot(db: Database): Promise<{ snapshot: Snapshot; reads: number }> {
  const _ = db.command;
  const parts = await Promise.all([
    scan<any>(db, 'orgs', ['kind', 'name', 'parentId', 'path']),
    scan<any>(db, 'units', ['name', 'communityId']),
    scan<any>(db, 'members', ['name', 'unitId', 'unitStatus']),
    scan<any>(db, 'reports', ['openid', 'communityId', 'gridId', 'status', 'createdAt', 'decidedAt', 'closedAt'], { status: _.in(['approved', 'closed']) }),
    scan<any>(db, 'unitReports', ['unitId', 'status', 'createdAt', 'decidedAt'], { status: 'approved' }),
    scan<any>(db, 'tasks', ['communityId', 'status', 'slots', 'signed', 'startAt', 'publishedAt', 'createdAt', 'source']),
    scan<any>(db, 'signups', ['taskId', 'openid', 'confirmed', 'noshow', 'minutes'], { confirmed: true }),
    scan<any>(db, 'needs', ['communityId', 'status', 'createdAt']),
    scan<any>(db, 'projects', ['communityId', 'status', 'createdAt', 'unitId']),
    scan<any>(db, 'wishes', ['communityId', 'status', 'createdAt', 'claimCount', 'confirmedAt', 'receipt']),
    scan<any>(db, 'pledges', ['openid', 'communityId', 'status', 'review']),
  ]);
  const [orgs, units, members, reports, unitReports, tasks, signups, needs, projects, wishes, pledges] = parts.map((p) => p.rows);
  const snapshot: Snapshot = {
    orgs, units, members,
    reports: reports.map((r) => ({ ...r, createdAt: d(r.createdAt), decidedAt: dn(r.decidedAt), closedAt: dn(r.closedAt) })),
    unitReports: unitReports.map((r) => ({ ...r, createdAt: d(r.createdAt), decidedAt: dn(r.decidedAt) })),
    tasks: tasks.map((t) => ({ ...t, slots: t.slots ?? 0, signed: t.signed ?? 0, startAt: d(t.startAt), publishedAt: dn(t.publishedAt), createdAt: d(t.createdAt) })),
    signups,
    needs: needs.map((n) => ({ ...n, createdAt: d(n.createdAt) })),
    projects: projects.map((p) => ({ ...p, createdAt: d(p.createdAt) })),
    wishes: wishes.map((w) => ({ ...w, createdAt: d(w.createdAt), confirmedAt: dn(w.confirmedAt) })),
    pledges: pledges.map((p) => ({ ...p, review: p.review ? { outcome: p.review.outcome, reviewedAt: d(p.review.reviewedAt) } : null })),
  };
  return { snapshot, reads: parts.reduce((n, p) => n + p.reads, 0) };
}

/** The run's cut-off: the start of the current hour (same hour → same documents). */
export const asOfHour = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

export async function runRollup(ctx: RollupCtx, months = 12): Promise<RollupStats> {
  const started = Date.now();
  const asOf = asOfHour(ctx.now);
  const { snapshot, reads } = await loadSnapshot(ctx.db);
  const docs = rollUp(snapshot, lastMonths(asOf, months), asOf);
  for (let i = 0; i < docs.length; i += PARALLEL_WRITES) {
    await Promise.all(docs.slice(i, i + PARALLEL_WRITES).map(({ _id, ...data }) => ctx.db.collection('statsMonths').doc(_id).set({ data })));
  }
  return { documents: docs.length, reads, ms: Date.now() - started, asOf };
}
