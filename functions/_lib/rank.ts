/**
 * Rank counts: per year and scope (community, unit, street) how many balances hold each ranked
 * value, in ONE document `rankCounts/${year}:${field}:${scopeId}` (`counts: { "<value>": n }`,
 * `total`). A member's rank is 1 + the balances above their value, summed from that one document,
 * and the scope's total is `total`: one read however many balances the scope holds. The page
 * itself comes from the balances index `(year, <scope>, <RANK_BY> desc)`.
 *
 * Kept current by the ledger's one write path: `post()` calls `moveRank` in the same transaction
 * that writes the balance (increments only, no read: a scope never viewed has no document and the
 * increment changes nothing). A missing document is built once from an aggregation of the scope's
 * balances on its first view. Writes that bypass post (reconcile's repairs and place moves) drop
 * the year's documents (`dropRankCounts`), and reconcile drops them every night, so a rare race
 * between a first build and a concurrent award lives at most a day.
 */
import type { Balance } from '../../core/domain/ledger';
import { db as cloudDb, type Database } from './cloud';
import { dbOf, getDoc, getMany, type DbSource } from './query';
import { txUpdate, type Tx } from './tx';

/** THE balance field rankings count: the EFFECTIVE part (past its 公示); the balances indexes order by it. */
export const RANK_BY = 'effective' as const satisfies keyof Balance;

/** A balance's ranked value (a balance from before the parts existed: all but its pending points). */
export const rankValue = (b: Partial<Pick<Balance, 'points' | 'pending' | 'effective'>>): number => b[RANK_BY] ?? (b.points ?? 0) - (b.pending ?? 0);

export type RankField = 'communityId' | 'unitId' | 'streetId';
export const RANK_FIELDS: readonly RankField[] = ['communityId', 'unitId', 'streetId'];

export const rankCountsId = (year: number, field: RankField, scopeId: string) => `${year}:${field}:${scopeId}`;

export interface RankCounts { counts: Record<string, number>; total: number }
interface RankCountsDoc extends RankCounts { _id: string; year: number; field: RankField; scopeId: string }

/** 1 + the balances holding more than `value` (ties share a rank: 1, 2, 2, 4). */
export function rankFrom(c: RankCounts, value: number): number {
  let above = 0;
  for (const [v, n] of Object.entries(c.counts)) if (Number(v) > value) above += n;
  return above + 1;
}

type Ranked = Pick<Balance, 'year' | 'points' | 'pending' | 'effective' | RankField>;

let command: Database['command'] | null = null;
const inc = (n: number) => (command ??= cloudDb().command).inc(n);

/** Pending increments of rank-count documents, by document id and value ('' = the total). */
export type RankMoves = Map<string, Record<string, number>>;

/**
 * Adds to `moves` the move of one balance from `before` (null = new) to `after` in the counts of
 * every scope it is in; nothing when neither the scope nor the ranked value changed.
 */
export function addRankMove(moves: RankMoves, before: Ranked | null, after: Ranked): void {
  const add = (field: RankField, b: Ranked, delta: number) => {
    const scope = b[field];
    if (!scope) return;
    const id = rankCountsId(b.year, field, scope);
    const p = moves.get(id) ?? {};
    const v = String(rankValue(b));
    p[v] = (p[v] ?? 0) + delta;
    p[''] = (p[''] ?? 0) + delta; // the total
    moves.set(id, p);
  };
  for (const f of RANK_FIELDS) {
    if (before && before.year === after.year && before[f] === after[f] && rankValue(before) === rankValue(after)) continue;
    if (before) add(f, before, -1);
    add(f, after, 1);
  }
}

/**
 * Which of `moves`' documents exist (one query per 100, not in the transaction). An increment of a
 * missing document changes nothing, and they are common: reconcile drops every count each night and
 * a scope's document comes back only on its first view. Asked just before the increments, inside
 * the transaction's body, so a first view building the document in between is the same rare race
 * the header describes.
 */
export async function presentRankCounts(src: DbSource, moves: RankMoves): Promise<Set<string>> {
  return new Set((await getMany<{ _id: string }>(src, 'rankCounts', [...moves.keys()], { _id: true })).keys());
}

/**
 * Inside the balances' transaction: one increment-only update per scope document moved (no read);
 * with `present`, only for the documents it names.
 */
export async function writeRankMoves(tx: Tx, moves: RankMoves, present?: Set<string>): Promise<void> {
  for (const [id, p] of moves) {
    if (present && !present.has(id)) continue;
    const data: Record<string, unknown> = {};
    for (const [v, n] of Object.entries(p)) if (n !== 0) data[v === '' ? 'total' : `counts.${v}`] = inc(n);
    if (Object.keys(data).length) await txUpdate(tx, 'rankCounts', id, data);
  }
}

/** Inside the balance's transaction: move one balance in the counts of its scopes. */
export async function moveRank(tx: Tx, before: Ranked | null, after: Ranked): Promise<void> {
  const moves: RankMoves = new Map();
  addRankMove(moves, before, after);
  await writeRankMoves(tx, moves);
}

/** The counts of one scope: one read (built from the scope's balances once, when missing). */
export async function rankCounts(src: DbSource, year: number, field: RankField, scopeId: string): Promise<RankCounts> {
  const id = rankCountsId(year, field, scopeId);
  const doc = await getDoc<RankCountsDoc>(src, 'rankCounts', id);
  if (doc) return { counts: doc.counts ?? {}, total: doc.total ?? 0 };
  const db = dbOf(src);
  const $ = db.command.aggregate;
  const counts: Record<string, number> = {};
  for (let skip = 0; ;) {
    const g = (await db.collection('balances').aggregate().match({ year, [field]: scopeId })
      .group({ _id: $.ifNull([`$${RANK_BY}`, $.subtract(['$points', $.ifNull(['$pending', 0])])]), n: $.sum(1) }).sort({ _id: 1 }).skip(skip).limit(1000).end()) as { list: Array<{ _id: number | null; n: number }> };
    for (const r of g.list) counts[String(r._id ?? 0)] = (counts[String(r._id ?? 0)] ?? 0) + r.n;
    if (g.list.length < 1000) break;
    skip += g.list.length;
  }
  const built: RankCounts = { counts, total: Object.values(counts).reduce((a, n) => a + n, 0) };
  // a concurrent first view builds the same document: the first add wins, the other's fails on the id
  try {
    await db.collection('rankCounts').add({ data: { _id: id, year, field, scopeId, ...built } });
  } catch {
    // built meanwhile by another view: the same data
  }
  return built;
}

/** After writes that bypass `post` (reconcile): the year's counts are rebuilt on their next view. */
export async function dropRankCounts(src: DbSource, year: number): Promise<void> {
  await dbOf(src).collection('rankCounts').where({ year }).remove();
}

/**
 * Outside a transaction (the report approval's credit, `postOnce`): the same increments as
 * writeRankMoves, one `where({ _id: in [...] })` update per distinct increment — a new balance moves
 * every scope it is in by the same +1, so that is one round trip. A crash before this write leaves
 * the counts short until reconcile drops them (the same window as above).
 */
export async function writeRankMovesOnce(src: DbSource, moves: RankMoves): Promise<void> {
  const db = dbOf(src);
  const byPatch = new Map<string, { ids: string[]; p: Record<string, number> }>();
  for (const [id, p] of moves) {
    const nonzero = Object.fromEntries(Object.entries(p).filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
    if (!Object.keys(nonzero).length) continue;
    const key = JSON.stringify(nonzero);
    const group = byPatch.get(key) ?? { ids: [], p: nonzero };
    group.ids.push(id);
    byPatch.set(key, group);
  }
  for (const { ids, p } of byPatch.values()) {
    const data: Record<string, unknown> = {};
    for (const [v, n] of Object.entries(p)) data[v === '' ? 'total' : `counts.${v}`] = db.command.inc(n);
    await db.collection('rankCounts').where({ _id: db.command.in(ids) }).update({ data });
  }
}
