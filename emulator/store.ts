/**
 * The in-memory database: collections of documents, their sorted indexes, a small query planner,
 * and commits that go through the journal first. Everything here is synchronous: Node runs one
 * request handler at a time, so a commit is applied atomically with respect to every reader.
 */
import type { CollectionSpec, IndexSpec } from '../core/db/schema';
import { clone, fromEjson, toEjson } from './ejson';
import { Codes, DbError } from './errors';
import { SortedIndex, type Entry } from './indexes';
import { Journal, type Op } from './journal';
import { aggregate as runAggregate, compileQuery, project, sortDocs } from './mingo';
import { compareValues, isScalarKey } from './values';

export type Doc = Record<string, unknown>;

interface Collection {
  name: string;
  docs: Map<string, Doc>;
  indexes: SortedIndex[];
}

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Doc;
}

/** A change to commit: `doc: null` deletes. */
export interface Change {
  c: string;
  id: string;
  doc: Doc | null;
}

export interface StoreOptions {
  dataDir: string;
  /** collections (and indexes) that exist from the start */
  schema?: CollectionSpec[];
  /** fsync each commit (default true; tests may turn it off for speed) */
  fsync?: boolean;
}

/** a commit touching at least this many documents of a collection merges them into its indexes in one pass */
const BULK_MERGE = 256;

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** `{f: scalar}` or `{f: {$eq: scalar}}` → the scalar, else undefined-marker */
const NO = Symbol('no');
function equalityValue(cond: unknown): unknown | typeof NO {
  if (isScalarKey(cond) && !(cond instanceof RegExp)) return cond === undefined ? NO : cond;
  if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof Date) && !(cond instanceof RegExp)) {
    const keys = Object.keys(cond);
    if (keys.length === 1 && keys[0] === '$eq' && isScalarKey((cond as Doc).$eq)) return (cond as Doc).$eq;
  }
  return NO;
}

type Range = { low?: unknown; lowIncl?: boolean; high?: unknown; highIncl?: boolean };

function rangeOf(cond: unknown): Range | null {
  if (!cond || typeof cond !== 'object' || Array.isArray(cond) || cond instanceof Date || cond instanceof RegExp) return null;
  const keys = Object.keys(cond);
  if (keys.length === 0 || !keys.every((k) => RANGE_OPS.has(k))) return null;
  const r: Range = {};
  for (const k of keys) {
    const v = (cond as Doc)[k];
    if (!isScalarKey(v) || v === null || v === undefined) return null;
    if (k === '$gt' || k === '$gte') {
      r.low = v;
      r.lowIncl = k === '$gte';
    } else {
      r.high = v;
      r.highIncl = k === '$lte';
    }
  }
  return r;
}

/**
 * Per-field conditions that must all hold: top-level fields plus the members of (nested) `$and`
 * (the SDK sends `_.gt(1).and(_.lt(5))` as `$and: [{f: {$gt}}, {f: {$lt}}]`). Used for planning only;
 * every candidate is still tested against the full query.
 */
function conjuncts(query: Doc, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const part of v) if (part && typeof part === 'object' && !Array.isArray(part)) conjuncts(part as Doc, out);
    } else if (!k.startsWith('$')) {
      const list = out.get(k) ?? [];
      list.push(v);
      out.set(k, list);
    }
  }
  return out;
}

function equalityIn(conds: unknown[] | undefined): unknown | typeof NO {
  for (const c of conds ?? []) {
    const v = equalityValue(c);
    if (v !== NO) return v;
  }
  return NO;
}

/** most equality combinations an `$in` may expand an index lookup into */
const MAX_INDEX_COMBOS = 64;

/** values a field must equal: one for `$eq`/plain, several (distinct) for a scalar `$in`; null if neither */
function alternativesIn(conds: unknown[] | undefined): unknown[] | null {
  const eq = equalityIn(conds);
  if (eq !== NO) return [eq];
  for (const c of conds ?? []) {
    if (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 1 && Array.isArray((c as Doc).$in)) {
      const values = (c as { $in: unknown[] }).$in;
      if (values.length === 0 || !values.every((v) => isScalarKey(v) && v !== undefined && !(v instanceof RegExp))) return null;
      const distinct: unknown[] = [];
      for (const v of values) if (!distinct.some((d) => compareValues(d, v) === 0)) distinct.push(v);
      return distinct;
    }
  }
  return null;
}

function product(lists: unknown[][]): unknown[][] {
  let out: unknown[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((v) => [...prefix, v]));
  return out;
}

/** the tightest combination of the range conditions on one field */
function rangeIn(conds: unknown[] | undefined): Range | null {
  let out: Range | null = null;
  for (const c of conds ?? []) {
    const r = rangeOf(c);
    if (!r) continue;
    out = out ?? {};
    if (r.low !== undefined) {
      const cmp = out.low === undefined ? 1 : compareValues(r.low, out.low);
      if (cmp > 0 || (cmp === 0 && !r.lowIncl)) {
        out.low = r.low;
        out.lowIncl = r.lowIncl;
      }
    }
    if (r.high !== undefined) {
      const cmp = out.high === undefined ? -1 : compareValues(r.high, out.high);
      if (cmp < 0 || (cmp === 0 && !r.highIncl)) {
        out.high = r.high;
        out.highIncl = r.highIncl;
      }
    }
  }
  return out;
}

/** documents of index entry ranges [lo, hi), forwards or backwards (lazy: stops when the caller stops) */
function* walkRanges(entries: Entry[], docs: Map<string, Doc>, ranges: [number, number][], reverse: boolean): Generator<Doc> {
  for (const [lo, hi] of ranges) {
    if (reverse) {
      for (let i = hi - 1; i >= lo; i--) {
        const d = docs.get(entries[i].id);
        if (d) yield d;
      }
    } else {
      for (let i = lo; i < hi; i++) {
        const d = docs.get(entries[i].id);
        if (d) yield d;
      }
    }
  }
}

export class Store {
  private cols = new Map<string, Collection>();
  private indexSpecs = new Map<string, IndexSpec[]>();
  private journal: Journal;
  /** documents examined since start (all callers) */
  examinedTotal = 0;

  private constructor(journal: Journal) {
    this.journal = journal;
  }

  static open(opts: StoreOptions): Store {
    const { journal, replayed } = Journal.open(opts.dataDir, opts.fsync !== false);
    const store = new Store(journal);
    try {
      for (const spec of opts.schema ?? []) store.indexSpecs.set(spec.name, spec.indexes);
      for (const ops of replayed.ops) store.applyOps(ops, false);
      for (const spec of opts.schema ?? []) if (!store.cols.has(spec.name)) store.addCollection(spec.name);
      for (const col of store.cols.values()) for (const ix of col.indexes) ix.load(col.docs);
      journal.compact(store.snapshotRecords());
    } catch (e) {
      journal.close();
      throw e;
    }
    return store;
  }

  get dataDir(): string {
    return this.journal.dir;
  }

  private addCollection(name: string): Collection {
    const col: Collection = { name, docs: new Map(), indexes: (this.indexSpecs.get(name) ?? []).map((s) => new SortedIndex(s)) };
    this.cols.set(name, col);
    return col;
  }

  private snapshotRecords(): Op[][] {
    const records: Op[][] = [];
    for (const col of this.cols.values()) {
      records.push([{ k: 'create', c: col.name }]);
      let batch: Op[] = [];
      for (const [id, doc] of col.docs) {
        batch.push({ k: 'put', c: col.name, id, d: toEjson(doc) });
        if (batch.length >= 500) {
          records.push(batch);
          batch = [];
        }
      }
      if (batch.length) records.push(batch);
    }
    return records;
  }

  /** Apply journal ops to memory. `live` keeps indexes up to date (replay bulk-loads them after). */
  private applyOps(ops: Op[], live: boolean): void {
    for (const op of ops) {
      if (op.k === 'create') {
        if (!this.cols.has(op.c)) this.addCollection(op.c);
      } else if (op.k === 'wipe') {
        for (const col of this.cols.values()) {
          col.docs.clear();
          for (const ix of col.indexes) ix.load([]);
        }
      } else {
        const col = this.cols.get(op.c) ?? this.addCollection(op.c);
        const old = col.docs.get(op.id);
        if (live && old) for (const ix of col.indexes) ix.remove(op.id, old);
        if (op.k === 'del') col.docs.delete(op.id);
        else {
          const doc = fromEjson(op.d, 0) as Doc;
          col.docs.set(op.id, doc);
          if (live) for (const ix of col.indexes) ix.insert(op.id, doc);
        }
      }
    }
  }

  close(): void {
    this.journal.close();
  }

  // ---------- collections ----------

  hasCollection(name: string): boolean {
    return this.cols.has(name);
  }

  collectionNames(): string[] {
    return [...this.cols.keys()];
  }

  private col(name: string): Collection {
    const col = this.cols.get(name);
    if (!col) throw new DbError(Codes.COLLECTION_NOT_EXIST, `database collection not exists: ${name}`);
    return col;
  }

  createCollection(name: string): void {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new DbError(Codes.INVALID_PARAM, `invalid collection name ${JSON.stringify(name)}`);
    if (this.cols.has(name)) throw new DbError(Codes.COLLECTION_EXISTS, `collection ${name} already exists`);
    const ops: Op[] = [{ k: 'create', c: name }];
    this.journal.append(ops);
    this.applyOps(ops, true);
  }

  /** Empty every collection (collections and indexes stay). */
  wipe(): void {
    const ops: Op[] = [{ k: 'wipe' }];
    this.journal.append(ops);
    this.applyOps(ops, true);
  }

  // ---------- reads ----------

  /** The stored document (do not mutate; clone before handing out). */
  peek(c: string, id: string): Doc | undefined {
    return this.col(c).docs.get(id);
  }

  size(c: string): number {
    return this.col(c).docs.size;
  }

  /** Direct read for tests and tools: every document of a collection, cloned. */
  all(c: string): Doc[] {
    return [...this.col(c).docs.values()].map(clone);
  }

  /**
   * Candidate documents for a query, in an order when an index provides `order`.
   * Returns a lazy generator plus whether the order is already satisfied.
   */
  private plan(col: Collection, query: Doc, order?: Record<string, 1 | -1>): { candidates: Iterable<Doc>; ordered: boolean; index?: string } {
    // 1. primary key
    const idCond = query._id;
    const idEq = equalityValue(idCond);
    if (idEq !== NO && typeof idEq === 'string') {
      const d = col.docs.get(idEq);
      return { candidates: d ? [d] : [], ordered: true, index: '_id' };
    }
    if (idCond && typeof idCond === 'object' && Array.isArray((idCond as Doc).$in) && Object.keys(idCond).length === 1) {
      const ids = (idCond as { $in: unknown[] }).$in;
      if (ids.every((x) => typeof x === 'string')) {
        const seen = new Set<string>();
        const out: Doc[] = [];
        for (const id of ids as string[]) {
          const d = col.docs.get(id);
          if (d && !seen.has(id)) {
            seen.add(id);
            out.push(d);
          }
        }
        return { candidates: out, ordered: false, index: '_id' };
      }
    }
    // 2. secondary indexes: longest equality ($eq / small $in) prefix, then a range on the next
    //    field, then orderBy coverage (only with a single equality combination)
    const byField = conjuncts(query);
    let best: { ix: SortedIndex; eq: unknown[][]; range: Range | null; score: number; reverse: boolean | null } | null = null;
    for (const ix of col.indexes) {
      if (ix.multikey > 0) continue;
      const eq: unknown[][] = [];
      let combos = 1;
      for (const f of ix.fields) {
        const alts = alternativesIn(byField.get(f));
        if (!alts || combos * alts.length > MAX_INDEX_COMBOS) break;
        combos *= alts.length;
        eq.push(alts);
      }
      const next = ix.fields[eq.length];
      const range = next !== undefined ? rangeIn(byField.get(next)) : null;
      // sort coverage: order keys (minus equality-fixed ones) must follow the index from eq.length on
      let reverse: boolean | null = null;
      if (order && Object.keys(order).length && combos === 1) {
        const keys = Object.keys(order).filter((k) => !(ix.fields.indexOf(k) >= 0 && ix.fields.indexOf(k) < eq.length));
        // a trailing _id key is free: entries tie-break on _id ascending
        const idLast = keys.length > 1 && keys[keys.length - 1] === '_id' ? order._id : undefined;
        if (idLast !== undefined) keys.pop();
        let ok = keys.length > 0 && keys.length <= ix.fields.length - eq.length;
        let rev: boolean | null = null;
        keys.forEach((k, i) => {
          if (!ok) return;
          const fi = eq.length + i;
          if (ix.fields[fi] !== k) ok = false;
          else {
            const same = ix.dirs[fi] === order[k];
            if (rev === null) rev = !same;
            else if (rev === same) ok = false;
          }
        });
        if (ok && idLast !== undefined && idLast !== (rev ? -1 : 1)) ok = false;
        if (ok) reverse = rev;
      }
      if (eq.length === 0 && !range && reverse === null) continue;
      const score = eq.length * 4 + (range ? 2 : 0) + (reverse !== null ? 1 : 0);
      if (!best || score > best.score) best = { ix, eq, range, score, reverse };
    }
    if (best) {
      const { ix, range, reverse } = best;
      const ranges = product(best.eq).map((eq) => this.keyRange(ix, eq, range));
      return { candidates: walkRanges(ix.entries, col.docs, ranges, reverse === true), ordered: reverse !== null, index: ix.name };
    }
    return { candidates: col.docs.values(), ordered: false };
  }

  /** [lo, hi) of the entries with key prefix `eq` and, on the next field, inside `range` */
  private keyRange(ix: SortedIndex, eq: unknown[], range: Range | null): [number, number] {
    const n = eq.length;
    let lo = ix.lowerBound((e) => ix.compareKeys(e.key, eq, n) < 0);
    let hi = ix.lowerBound((e) => ix.compareKeys(e.key, eq, n) <= 0, lo);
    if (range) {
      const dir = ix.dirs[n];
      const before = (e: Entry, v: unknown, incl: boolean) => {
        const c = compareValues(e.key[n], v) * dir;
        return incl ? c < 0 : c <= 0;
      };
      const after = (e: Entry, v: unknown, incl: boolean) => {
        const c = compareValues(e.key[n], v) * dir;
        return incl ? c <= 0 : c < 0;
      };
      // in index direction: the "start" bound is low for ascending fields, high for descending
      const startV = dir === 1 ? range.low : range.high;
      const startIncl = dir === 1 ? range.lowIncl : range.highIncl;
      const endV = dir === 1 ? range.high : range.low;
      const endIncl = dir === 1 ? range.highIncl : range.lowIncl;
      if (startV !== undefined) lo = ix.lowerBound((e) => before(e, startV, !!startIncl), lo, hi);
      if (endV !== undefined) hi = ix.lowerBound((e) => after(e, endV, !!endIncl), lo, hi);
    }
    return [lo, hi];
  }

  /** Matching documents (stored references), honouring order/skip/limit; counts examined. */
  private select(c: string, query: Doc, opts: FindOptions): { docs: Doc[]; examined: number; index?: string } {
    const col = this.col(c);
    const test = compileQuery(query);
    const order = opts.order && Object.keys(opts.order).length ? opts.order : undefined;
    const { candidates, ordered, index } = this.plan(col, query, order);
    const skip = opts.skip ?? 0;
    const limit = opts.limit;
    let examined = 0;
    let out: Doc[] = [];
    const stopAt = ordered || !order ? (limit === undefined ? Infinity : skip + limit) : Infinity;
    for (const d of candidates) {
      examined++;
      if (test(d)) {
        out.push(d);
        if (out.length >= stopAt) break;
      }
    }
    if (order && !ordered) out = sortDocs(out, order);
    out = out.slice(skip, limit === undefined ? undefined : skip + limit);
    this.examinedTotal += examined;
    return { docs: out, examined, index };
  }

  find(c: string, query: Doc, opts: FindOptions = {}): { docs: Doc[]; examined: number; index?: string } {
    const { docs, examined, index } = this.select(c, query, opts);
    const copies = docs.map(clone);
    return { docs: project(copies, opts.projection), examined, index };
  }

  count(c: string, query: Doc): { total: number; examined: number } {
    const { docs, examined } = this.select(c, query, {});
    return { total: docs.length, examined };
  }

  /** ids of the documents matching a query (for where-update / where-remove) */
  matchIds(c: string, query: Doc, limit?: number): { ids: string[]; examined: number } {
    const { docs, examined } = this.select(c, query, { limit });
    return { ids: docs.map((d) => d._id as string), examined };
  }

  aggregate(c: string, stages: Doc[]): { docs: Doc[]; examined: number } {
    const col = this.col(c);
    let input: Doc[];
    let examined: number;
    let rest = stages;
    const first = stages[0];
    if (first && Object.keys(first)[0] === '$match' && first.$match && typeof first.$match === 'object') {
      const r = this.select(c, first.$match as Doc, {});
      input = r.docs;
      examined = r.examined;
      rest = stages.slice(1);
    } else {
      input = [...col.docs.values()];
      examined = input.length;
      this.examinedTotal += examined;
    }
    const resolve = (name: string): Doc[] => {
      const other = this.col(name);
      examined += other.docs.size;
      this.examinedTotal += other.docs.size;
      return [...other.docs.values()].map(clone);
    };
    const docs = runAggregate(input.map(clone), rest, resolve);
    return { docs, examined };
  }

  // ---------- writes ----------

  /**
   * Commit a set of changes as ONE journal record (all or nothing), after checking unique indexes.
   * Documents are stored as given (callers pass fresh objects they no longer mutate).
   */
  commit(changes: Change[]): void {
    if (changes.length === 0) return;
    // collapse repeated writes to the same doc, keep the last
    const last = new Map<string, Change>();
    for (const ch of changes) {
      this.col(ch.c);
      last.set(`${ch.c}\u0000${ch.id}`, ch);
    }
    const final = [...last.values()];
    this.checkUnique(final);
    const ops: Op[] = final.map((ch) => (ch.doc === null ? { k: 'del', c: ch.c, id: ch.id } : { k: 'put', c: ch.c, id: ch.id, d: toEjson(ch.doc) }));
    this.journal.append(ops);
    // big batches (seeding) merge into the indexes once instead of one sorted insert per document
    const perCollection = new Map<string, number>();
    for (const ch of final) perCollection.set(ch.c, (perCollection.get(ch.c) ?? 0) + 1);
    const bulk = new Map<string, { ids: Set<string>; docs: [string, Doc][] }>();
    for (const [c, n] of perCollection) if (n >= BULK_MERGE) bulk.set(c, { ids: new Set(), docs: [] });
    for (const ch of final) {
      const col = this.col(ch.c);
      const batch = bulk.get(ch.c);
      const old = col.docs.get(ch.id);
      if (old) {
        if (batch) batch.ids.add(ch.id);
        else for (const ix of col.indexes) ix.remove(ch.id, old);
      }
      if (ch.doc === null) col.docs.delete(ch.id);
      else {
        col.docs.set(ch.id, ch.doc);
        if (batch) batch.docs.push([ch.id, ch.doc]);
        else for (const ix of col.indexes) ix.insert(ch.id, ch.doc);
      }
    }
    for (const [c, batch] of bulk) for (const ix of this.col(c).indexes) ix.replaceMany(batch.ids, batch.docs);
  }

  private checkUnique(changes: Change[]): void {
    const touched = new Set(changes.map((ch) => `${ch.c}\u0000${ch.id}`));
    const pending = new Map<string, string>();
    for (const ch of changes) {
      if (!ch.doc) continue;
      const col = this.col(ch.c);
      for (const ix of col.indexes) {
        if (!ix.unique) continue;
        const key = ix.keyOf(ch.doc);
        const clash = ix.findEqual(key).find((id) => id !== ch.id && !touched.has(`${ch.c}\u0000${id}`));
        const pkey = `${ch.c}\u0000${ix.name}\u0000${JSON.stringify(toEjson(key))}`;
        const other = pending.get(pkey);
        if (clash || (other && other !== ch.id)) {
          throw new DbError(Codes.DUPLICATE_KEY, `E11000 duplicate key error collection: ${ch.c} index: ${ix.name} dup key: ${JSON.stringify(toEjson(key))}`);
        }
        pending.set(pkey, ch.id);
      }
    }
  }
}
