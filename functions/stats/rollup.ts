/**
 * The roll-up: read every row the dashboards need (paged by `_id` cursor, only the fields used),
 * compute every scope's months (core/domain/stats.ts#rollUp) and `set` each document by its id.
 * Idempotent: `asOf` is the run's hour (China time is whole hours from UTC), so two runs in the
 * same hour over the same data write the same documents; a later run overwrites, never duplicates.
 * It reads the other features' collections and writes only `statsMonths`.
 */
import { lastMonths, rollUp, type Snapshot } from '../../core/domain/stats';
import { toDate } from '../../core/domain/dates';
import { z } from 'zod';
import { parseWith } from '../../core/db/records';
import type { Database } from '../_lib/cloud';

const PAGE = 100;
const PARALLEL_WRITES = 8;

export interface RollupCtx { db: Database; now: Date }
export interface RollupStats { documents: number; reads: number; ms: number; asOf: Date }

/** Every document of a collection matching `where`, `fields` only, 100 per round trip, by `_id` cursor, each parsed by `row`. */
async function scan<T>(
  db: Database, coll: string, row: z.ZodType<T, z.ZodTypeDef, unknown>, where: Record<string, unknown> = {},
): Promise<{ rows: T[]; reads: number }> {
  const _ = db.command;
  const out: T[] = [];
  let after = '';
  let reads = 0;
  const fields = row instanceof z.ZodObject ? Object.keys(row.shape as object) : [];
  const projection = Object.fromEntries(['_id', ...fields].map((f) => [f, true]));
  for (;;) {
    const res: unknown = await db.collection(coll).where({ ...where, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE).field(projection).get();
    const data = parseWith(page, coll, res).data;
    reads++;
    for (const r of data) out.push(parseWith(row, coll, r));
    if (data.length < PAGE) return { rows: out, reads };
    after = data[data.length - 1]._id;
  }
}

const page = z.object({ data: z.array(z.object({ _id: z.string() }).passthrough()) });
// the rows the roll-up reads: only the fields it uses; a missing date reads as the epoch (counted nowhere)
const date = z.unknown().transform((v) => toDate(v) ?? new Date(0));
const dateOrNull = z.unknown().transform((v) => toDate(v) ?? null);
const str = z.string();
const strOrNull = z.string().nullish().transform((v) => v ?? null);
const ROWS = {
  orgs: z.object({ _id: str, kind: str, name: str, parentId: strOrNull, path: z.array(str).optional() }),
  units: z.object({ _id: str, name: str, communityId: str }),
  members: z.object({ _id: str, name: str.nullish().transform((v) => v ?? undefined), unitId: strOrNull, unitStatus: strOrNull }),
  reports: z.object({ openid: str, communityId: str, gridId: strOrNull, status: str, createdAt: date, decidedAt: dateOrNull, closedAt: dateOrNull }),
  unitReports: z.object({ unitId: str, status: str, createdAt: date, decidedAt: dateOrNull }),
  tasks: z.object({
    _id: str, communityId: str, status: str, slots: z.number().nullish().transform((v) => v ?? 0), signed: z.number().nullish().transform((v) => v ?? 0),
    startAt: date, publishedAt: dateOrNull, createdAt: date, source: z.object({ kind: str, id: str }).nullish().transform((v) => v ?? null),
  }),
  signups: z.object({
    taskId: str, openid: str, confirmed: z.boolean(), noshow: z.boolean().nullish().transform((v) => v ?? undefined), minutes: z.number().nullish(),
  }),
  needs: z.object({ _id: str, communityId: str, status: str, createdAt: date }),
  projects: z.object({ _id: str, communityId: str, status: str, createdAt: date, unitId: strOrNull }),
  wishes: z.object({
    _id: str, communityId: str, status: str, createdAt: date, claimCount: z.number().optional(), confirmedAt: dateOrNull,
    receipt: z.object({ via: str }).passthrough().nullish().transform((v) => v ?? null),
  }),
  pledges: z.object({
    openid: str, communityId: str, status: str,
    review: z.object({ outcome: str, reviewedAt: date }).passthrough().nullish().transform((v) => v ?? null),
  }),
};

export async function loadSnapshot(db: Database): Promise<{ snapshot: Snapshot; reads: number }> {
  const _ = db.command;
  const [orgs, units, members, reports, unitReports, tasks, signups, needs, projects, wishes, pledges] = await Promise.all([
    scan(db, 'orgs', ROWS.orgs),
    scan(db, 'units', ROWS.units),
    scan(db, 'members', ROWS.members),
    scan(db, 'reports', ROWS.reports, { status: _.in(['approved', 'closed']) }),
    scan(db, 'unitReports', ROWS.unitReports, { status: 'approved' }),
    scan(db, 'tasks', ROWS.tasks),
    scan(db, 'signups', ROWS.signups, { confirmed: true }),
    scan(db, 'needs', ROWS.needs),
    scan(db, 'projects', ROWS.projects),
    scan(db, 'wishes', ROWS.wishes),
    scan(db, 'pledges', ROWS.pledges),
  ]);
  const parts = [orgs, units, members, reports, unitReports, tasks, signups, needs, projects, wishes, pledges];
  const snapshot: Snapshot = {
    orgs: orgs.rows, units: units.rows, members: members.rows, reports: reports.rows, unitReports: unitReports.rows, tasks: tasks.rows,
    signups: signups.rows, needs: needs.rows, projects: projects.rows, wishes: wishes.rows, pledges: pledges.rows,
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
