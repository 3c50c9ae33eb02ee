/**
 * Reconciliation: recompute every balance of the given years from its ledger entries and compare.
 *
 * First, approvals whose follow-up (notices, credit) is still to do are finished as the report timer
 * would (functions/_shared/report-approval.ts#runFollowUps), so their credits are in before anything is compared;
 * approvals of the last 7 days from before the mark existed that lack their credit are marked for it first.
 *
 * Decision: entries are the truth and a balance is only their running sum, so drift is FIXED by
 * rewriting the balance's totals from the entries (entries are never touched), and every drift is
 * recorded in `reconciliations` (stored vs derived, fixed or not) so it can be investigated.
 * With `fix: false` drift is only recorded.
 *
 * How it reads: per year, the ledger's totals per member come from ONE aggregation ($group by
 * openid, up to 1000 groups per call) — no paging through every entry; balances are paged by
 * `_id` cursor (≤ 100 per get). Points, minutes, capped earnings and entry counts are compared.
 * The scans are not one snapshot (entries keep arriving), so every suspected drift is confirmed on
 * its own before it counts: read the balance, re-derive that member's year from its entries
 * (through the `member` index, per-day totals included), read the balance again — if it changed
 * in between (an entry committed meanwhile), it is skipped and the next run looks again.
 */
import { z } from 'zod';
import type { ReconcileReport } from '../../core/contracts/points';
import { balanceIdOf, emptyBalance, placeFrom, samePlace, type Balance } from '../../core/domain/ledger';
import { driftOf, emptyTotals, totalsOf, yearOf, type Totals } from '../../core/domain/scoring';
import { placeOfMember, type LedgerCtx } from '../_shared/ledger';
import { markUnmarkedApprovals, runFollowUps } from '../_shared/report-approval';
import { timeOf } from '../../core/domain/dates';
import { transact, txGet, txSet } from '../_lib/tx';
import { aggregateRows, findManyAs, findOneAs, type Schema } from '../_lib/query';
import { dropRankCounts } from '../_lib/rank';

const PAGE = 100;
const GROUPS = 1000;

type Derived = Totals & { count: number; openid: string; year: number };

const num = z.number().optional();
const idOrNull = z.string().nullish();
/**
 * A balance AS STORED: unlike its record (core/db/records.ts) nothing is defaulted, because
 * reconcile must see what is missing (the parts of a balance written before they existed).
 */
const storedBalance = z.object({
  _id: z.string(), openid: z.string(), year: z.number(), points: num, pending: num, effective: num, spendable: num, minutes: num, earned: num,
  entries: num, communityId: idOrNull, unitId: idOrNull, streetId: idOrNull, districtId: idOrNull,
  updatedAt: z.unknown(),
}).passthrough();
type StoredBalance = z.output<typeof storedBalance>;
/** the fields of an entry its totals need (a projection; legacy entries lack the parts) */
const entryTotals = z.object({
  _id: z.string(), amount: z.number(), minutes: z.number().default(0), capped: z.boolean().optional(), day: z.string().optional(),
  pending: num, effective: num, spendable: num,
});
const groupTotals = z.object({
  _id: z.string(), points: z.number(), minutes: z.number(), earned: z.number(), count: z.number(),
  pending: z.number(), effective: z.number(), spendable: z.number(),
});

const memberPlace = z.object({ _id: z.string(), communityId: idOrNull, unitId: idOrNull, unitStatus: idOrNull });
const orgPath = z.object({ _id: z.string(), path: z.array(z.string()).optional() });

/** Every document of `coll` matching `where`, a page at a time in id order, parsed with `schema`. */
async function* scan<T extends { _id: string }>(
  ctx: LedgerCtx, coll: string, schema: Schema<T>, where: Record<string, unknown>, fields?: Record<string, true>,
): AsyncGenerator<T[]> {
  const _ = ctx.db.command;
  let cursor = '';
  for (;;) {
    const page = await findManyAs(ctx, coll, schema, { ...where, _id: _.gt(cursor) }, { orderBy: ['_id', 'asc'], limit: PAGE, field: fields });
    if (page.length === 0) return;
    yield page;
    cursor = page[page.length - 1]._id;
    if (page.length < PAGE) return;
  }
}

const time = timeOf;

export async function reconcile(ctx: LedgerCtx, opts: { fix: boolean; years?: number[]; trigger: string }): Promise<ReconcileReport> {
  const now = ctx.now ?? new Date();
  const y = yearOf(now);
  const years = opts.years ?? [y - 1, y];
  const runId = `${now.toISOString()}-${Math.random().toString(36).slice(2, 8)}`;
  const report: ReconcileReport = { runId, years, entries: 0, balances: 0, drifts: 0, fixed: 0, skipped: 0, placesUpdated: 0 };

  // first: approvals still waiting for their follow-up get their member, notices and credit (then counted below);
  // approvals from before the mark existed that lack their credit are marked first
  const approvalsFinished = opts.fix
    ? await markUnmarkedApprovals({ db: ctx.db, now }).catch((err: unknown) => { console.error('[reconcile] marking older approvals failed', err); })
      .then(() => runFollowUps({ db: ctx.db, now }, { postponedToo: true })).then((r) => r.finished, (err: unknown) => { console.error('[reconcile] approval follow-ups failed', err); return 0; })
    : 0;
  const suspects: Array<{ id: string; openid: string; year: number }> = [];
  for (const year of years) {
    const derived = await totalsByMember(ctx, year);
    for (const d of derived.values()) report.entries += d.count;
    for await (const page of scan(ctx, 'balances', storedBalance, { year })) {
      if (year === y) report.placesUpdated += await refreshPlaces(ctx, page, now);
      for (const b of page) {
        report.balances++;
        const d = derived.get(b.openid) ?? { ...emptyTotals(), count: 0, openid: b.openid, year };
        derived.delete(b.openid);
        const stale = (b.points ?? 0) !== d.points || (b.minutes ?? 0) !== d.minutes || (b.earned ?? 0) !== d.earned || (b.entries ?? 0) !== d.count
          || partsDiffer(b, d) || b.effective === undefined;
        if (stale) suspects.push({ id: b._id, openid: b.openid, year });
      }
    }
    // entries whose balance document is missing altogether
    for (const d of derived.values()) suspects.push({ id: balanceIdOf(year, d.openid), openid: d.openid, year });
  }
  for (const suspect of suspects) {
    const drift = await confirm(ctx, suspect.id, suspect.openid, suspect.year);
    if (drift === 'stable') continue;
    if (drift === 'moving') { report.skipped++; continue; }
    report.drifts++;
    let fixed = false;
    if (opts.fix) fixed = await repair(ctx, suspect.id, drift.stored, drift.d, now);
    if (fixed) report.fixed++;
    await ctx.db.collection('reconciliations').add({
      data: {
        kind: 'drift', runId, trigger: opts.trigger, balanceId: suspect.id, openid: drift.d.openid, year: drift.d.year, fields: drift.fields,
        stored: drift.stored ? {
          points: drift.stored.points ?? 0, minutes: drift.stored.minutes ?? 0, earned: drift.stored.earned ?? 0, entries: drift.stored.entries ?? 0,
          pending: drift.stored.pending ?? 0, effective: drift.stored.effective ?? null, spendable: drift.stored.spendable ?? 0,
        } : null,
        derived: {
          points: drift.d.points, minutes: drift.d.minutes, earned: drift.d.earned, entries: drift.d.count,
          pending: drift.d.pending, effective: drift.d.effective, spendable: drift.d.spendable,
        },
        fixed, createdAt: now,
      },
    });
  }
  // repairs and place moves wrote balances around post(): the rank counts are rebuilt on their next view
  for (const year of years) await dropRankCounts(ctx, year);
  await ctx.db.collection('reconciliations').add({ data: { kind: 'run', ...report, approvalsFinished, trigger: opts.trigger, fix: opts.fix, createdAt: now, finishedAt: new Date() } });
  return report;
}

/**
 * One year's ledger totals per member, by aggregation. Asks for up to 1000 groups per call and
 * advances by what actually came back, so a platform that returns fewer per call still gets all.
 */
async function totalsByMember(ctx: LedgerCtx, year: number): Promise<Map<string, Derived>> {
  const $ = ctx.db.command.aggregate;
  const out = new Map<string, Derived>();
  for (let skip = 0; ;) {
    const list = await aggregateRows('ledger', groupTotals, ctx.db.collection('ledger').aggregate()
      .match({ year })
      .group({
        _id: '$openid', points: $.sum('$amount'), minutes: $.sum('$minutes'), earned: $.sum($.cond({ if: '$capped', then: '$amount', else: 0 })), count: $.sum(1),
        // an entry from before balance parts existed counted at once: all effective
        pending: $.sum($.ifNull(['$pending', 0])), effective: $.sum($.ifNull(['$effective', '$amount'])), spendable: $.sum($.ifNull(['$spendable', 0])),
      })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(GROUPS));
    if (list.length === 0) return out;
    for (const g of list) {
      out.set(g._id, {
        points: g.points, minutes: g.minutes, earned: g.earned, days: {}, pending: g.pending, effective: g.effective, spendable: g.spendable,
        count: g.count, openid: g._id, year,
      });
    }
    skip += list.length;
  }
}

/** each balance part must equal the sum of that part over the balance's entries */
function partsDiffer(b: StoredBalance, d: Derived): boolean {
  const pending = b.pending ?? 0;
  return pending !== d.pending || (b.effective ?? (b.points ?? 0) - pending) !== d.effective || (b.spendable ?? 0) !== d.spendable;
}

function fieldsOf(b: StoredBalance | null, d: Derived): string[] {
  if (!b) return ['missing'];
  const fields = driftOf(b, d);
  // a balance written before parts existed gets them written (rankings read `effective`)
  if (b.effective === undefined && !fields.includes('effective')) fields.push('effective');
  if ((b.entries ?? 0) !== d.count) fields.push('entries');
  return fields;
}

async function balanceDoc(ctx: LedgerCtx, id: string): Promise<StoredBalance | null> {
  return findOneAs(ctx, 'balances', storedBalance, { _id: id });
}

/**
 * One member-year re-checked in isolation: balance, entries, balance again. 'moving' when the
 * balance changed meanwhile; 'stable' when there is no drift after all (the scan raced a write).
 */
async function confirm(ctx: LedgerCtx, id: string, openid: string, year: number): Promise<'stable' | 'moving' | { stored: StoredBalance | null; d: Derived; fields: string[] }> {
  const before = await balanceDoc(ctx, id);
  const d: Derived = { ...emptyTotals(), count: 0, openid, year };
  for await (const page of scan(ctx, 'ledger', entryTotals, { openid, year }, { amount: true, minutes: true, capped: true, day: true, pending: true, effective: true, spendable: true })) {
    totalsOf(page, d);
    d.count += page.length;
  }
  const after = await balanceDoc(ctx, id);
  if ((before === null) !== (after === null)) return 'moving';
  if (before && after && (time(before.updatedAt) !== time(after.updatedAt) || before.entries !== after.entries)) return 'moving';
  if (!after && d.count === 0) return 'stable';
  const fields = fieldsOf(after, d);
  return fields.length ? { stored: after, d, fields } : 'stable';
}

/**
 * Rankings read community / unit / street from the balance; a balance takes them from the member
 * at each entry. A member who moved or was confirmed by a unit since their last entry is brought
 * up to date here (this year's balances only; past years stay where they were earned).
 * Two queries per page of balances (members and orgs by id), a transaction per changed balance.
 */
async function refreshPlaces(ctx: LedgerCtx, page: StoredBalance[], now: Date): Promise<number> {
  const _ = ctx.db.command;
  const members = await findManyAs(ctx, 'members', memberPlace, { _id: _.in(page.map((b) => b.openid)) }, { field: { communityId: true, unitId: true, unitStatus: true }, limit: PAGE });
  const byId = new Map(members.map((m) => [m._id, m]));
  const communityIds = [...new Set(members.map((m) => m.communityId).filter((c): c is string => !!c))];
  const paths = new Map<string, string[]>();
  if (communityIds.length) {
    const orgs = await findManyAs(ctx, 'orgs', orgPath, { _id: _.in(communityIds) }, { field: { path: true }, limit: PAGE });
    for (const o of orgs) paths.set(o._id, o.path ?? []);
  }
  let updated = 0;
  for (const b of page) {
    const m = byId.get(b.openid);
    // a member doc that is gone, or a member between communities, keeps the place they had
    if (!m || !m.communityId) continue;
    const place = placeFrom(m, m.communityId, paths.get(m.communityId));
    if (samePlace(place, b)) continue;
    const ok = await transact(ctx, async (tx) => {
      const cur = await txGet(tx, 'balances', b._id);
      if (!cur || time(cur.updatedAt) !== time(b.updatedAt)) return false; // changed meanwhile: its next entry places it
      await txSet(tx, 'balances', b._id, { ...cur, ...place, updatedAt: now });
      return true;
    }).catch((err: unknown) => { console.error('[reconcile] place refresh failed', b._id, err); return false; });
    if (ok) updated++;
  }
  return updated;
}

/** Rewrites a balance's totals from its entries, only if nobody changed it since we read it. */
async function repair(ctx: LedgerCtx, id: string, stored: StoredBalance | null, d: Derived, now: Date): Promise<boolean> {
  const place = stored ? null : await placeOfMember(ctx, d.openid, null);
  try {
    return await transact(ctx, async (tx) => {
      const current = await txGet(tx, 'balances', id);
      if ((current === null) !== (stored === null)) return false;
      if (current && stored && time(current.updatedAt) !== time(stored.updatedAt)) return false;
      const base: Balance = current ?? { ...emptyBalance(d.year, d.openid, now), ...place };
      const days: Record<string, number> = {};
      for (const [k, v] of Object.entries(d.days)) if (v !== 0) days[k] = v;
      await txSet(tx, 'balances', id, {
        ...base, points: d.points, minutes: d.minutes, earned: d.earned, days, entries: d.count,
        pending: d.pending, effective: d.effective, spendable: d.spendable, updatedAt: now, reconciledAt: now,
      });
      return true;
    });
  } catch (err) {
    console.error('[reconcile] repair failed', id, err);
    return false;
  }
}
