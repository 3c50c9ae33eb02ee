/**
 * Typed reads over the SDK, whose `get()` is typed for its callback overloads too (`… | void`).
 * The one home of "a document by id", "documents by ids", "count" and "all pages": functions
 * import these instead of casting SDK answers themselves.
 */
import type { z } from 'zod';
import { parseRecord, parseWith, type Collection, type RecordOf } from '../../core/db/records';
import type { Database } from './cloud';

interface Gettable { get(): unknown }
interface Countable { count(): unknown }
interface Pageable extends Gettable { skip(n: number): { limit(n: number): Gettable } }
/** A database handle, or anything carrying one (a handler's ctx). */
export type DbSource = Database | { db: Database };

export const dbOf = (src: DbSource): Database => ('db' in src && typeof (src as { db?: unknown }).db === 'object' ? (src as { db: Database }).db : (src as Database));

/** The platform answers at most 100 documents per get(). */
export const PAGE_MAX = 100;

export async function rows<T>(query: Gettable): Promise<T[]> {
  const res = (await query.get()) as { data: T[] };
  return res.data;
}

export async function first<T>(query: Gettable): Promise<T | undefined> {
  return (await rows<T>(query))[0];
}

export async function countOf(query: Countable): Promise<number> {
  const res = (await query.count()) as { total: number };
  return res.total;
}

/** A document by id, or null (`doc(id).get()` throws on a missing document, `where` does not). */
export async function getDoc<T>(src: DbSource, coll: string, id: string): Promise<T | null> {
  return (await first<T>(dbOf(src).collection(coll).where({ _id: id }).limit(1))) ?? null;
}

/** Documents by ids, as a map (read 100 at a time). */
export async function getMany<T extends { _id: string }>(
  src: DbSource, coll: string, ids: Array<string | null | undefined>, fields?: Record<string, boolean>,
): Promise<Map<string, T>> {
  const db = dbOf(src);
  const uniq = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, T>();
  for (let i = 0; i < uniq.length; i += PAGE_MAX) {
    const q = db.collection(coll).where({ _id: db.command.in(uniq.slice(i, i + PAGE_MAX)) });
    const docs = await rows<T>((fields ? q.field(fields) : q).limit(PAGE_MAX));
    for (const d of docs) out.set(d._id, d);
  }
  return out;
}

export async function count(src: DbSource, coll: string, where: object): Promise<number> {
  return countOf(dbOf(src).collection(coll).where(where));
}

/** All documents matching `where`, page by page, up to `max`. */
export async function getAll<T>(src: DbSource, coll: string, where: object, orderBy?: [string, 'asc' | 'desc'], max = 1000): Promise<T[]> {
  const db = dbOf(src);
  const out: T[] = [];
  for (let skip = 0; skip < max; skip += PAGE_MAX) {
    let q = db.collection(coll).where(where);
    if (orderBy) q = q.orderBy(orderBy[0], orderBy[1]);
    const docs = await rows<T>(q.skip(skip).limit(PAGE_MAX));
    out.push(...docs);
    if (docs.length < PAGE_MAX) break;
  }
  return out;
}

/** One page (1-based) of an ordered query and the count of all matches, read in parallel. */
export async function pageOf<T>(
  ordered: Pageable, counter: Countable, page: number, pageSize: number,
): Promise<{ items: T[]; total: number; page: number; pageSize: number }> {
  const [items, total] = await Promise.all([rows<T>(ordered.skip((page - 1) * pageSize).limit(pageSize)), countOf(counter)]);
  return { items, total, page, pageSize };
}

/** A document by id as its record (core/db/records.ts), or null. */
export async function getRecord<C extends Collection>(src: DbSource, coll: C, id: string): Promise<RecordOf<C> | null> {
  const raw = await getDoc<unknown>(src, coll, id);
  return raw ? parseRecord(coll, raw) : null;
}

/** Documents by ids as records, as a map. */
export async function getRecords<C extends Collection>(src: DbSource, coll: C, ids: Array<string | null | undefined>): Promise<Map<string, RecordOf<C>>> {
  const raw = await getMany<{ _id: string }>(src, coll, ids);
  return new Map([...raw].map(([k, v]) => [k, parseRecord(coll, v)]));
}

/** The documents of a query as records. */
export async function recordRows<C extends Collection>(coll: C, query: Gettable): Promise<Array<RecordOf<C>>> {
  return (await rows<unknown>(query)).map((r) => parseRecord(coll, r));
}

/** All documents matching `where` as records, page by page, up to `max`. */
export async function getAllRecords<C extends Collection>(src: DbSource, coll: C, where: object, orderBy?: [string, 'asc' | 'desc'], max = 1000): Promise<Array<RecordOf<C>>> {
  return (await getAll<unknown>(src, coll, where, orderBy, max)).map((r) => parseRecord(coll, r));
}

/** Documents changed by a `where().update()` (its answer's `stats.updated`). */
export async function updateWhere(src: DbSource, coll: string, where: object, patch: object): Promise<number> {
  const res = (await dbOf(src).collection(coll).where(where).update({ data: patch })) as { stats?: { updated?: number } } | undefined;
  return Number(res?.stats?.updated ?? 0);
}


/** A zod schema that parses a stored document (any input) into `T`. */
export type Schema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;
export type Order = [string, 'asc' | 'desc'];

export interface FindOptions {
  /** one order or several, applied in turn */
  orderBy?: Order | Order[];
  skip?: number;
  /** at most PAGE_MAX (the platform's cap); default PAGE_MAX */
  limit?: number;
  /** a projection: parse with a schema of just these fields (findManyAs) */
  field?: Record<string, boolean>;
}

const orders = (o: FindOptions['orderBy']): Order[] => (!o ? [] : Array.isArray(o[0]) ? (o as Order[]) : [o as Order]);

/** The SDK query for `where` + options (the one place a find is built). */
function built(src: DbSource, coll: string, where: object, opts: FindOptions): Gettable {
  let q = dbOf(src).collection(coll).where(where);
  for (const [f, d] of orders(opts.orderBy)) q = q.orderBy(f, d);
  if (opts.skip) q = q.skip(opts.skip);
  q = q.limit(Math.min(opts.limit ?? PAGE_MAX, PAGE_MAX));
  if (opts.field) q = q.field(opts.field);
  return q;
}

/** Documents matching `where` (one read, at most PAGE_MAX), each parsed as its collection's record. */
export async function findMany<C extends Collection>(src: DbSource, coll: C, where: object, opts: FindOptions = {}): Promise<Array<RecordOf<C>>> {
  return (await rows<unknown>(built(src, coll, where, opts))).map((r) => parseRecord(coll, r));
}

/** Documents matching `where`, each parsed with `schema` (a collection without a record, or a projection). */
export async function findManyAs<T>(src: DbSource, coll: string, schema: Schema<T>, where: object, opts: FindOptions = {}): Promise<T[]> {
  return (await rows<unknown>(built(src, coll, where, opts))).map((r) => parseWith(schema, coll, r));
}

/** The first document matching `where` as its record, or null. */
export async function findOne<C extends Collection>(src: DbSource, coll: C, where: object, opts: Omit<FindOptions, 'limit'> = {}): Promise<RecordOf<C> | null> {
  return (await findMany(src, coll, where, { ...opts, limit: 1 }))[0] ?? null;
}

/** The first document matching `where` parsed with `schema`, or null. */
export async function findOneAs<T>(src: DbSource, coll: string, schema: Schema<T>, where: object, opts: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
  return (await findManyAs(src, coll, schema, where, { ...opts, limit: 1 }))[0] ?? null;
}

/** How many documents match `where`. */
export const countWhere = count;

export interface PageOptions { orderBy: Order | Order[]; page: number; pageSize: number }
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

/** One page (1-based) of records and the count of all matches, read in parallel (2 round trips). */
export async function findPage<C extends Collection>(src: DbSource, coll: C, where: object, o: PageOptions): Promise<Page<RecordOf<C>>> {
  const [items, total] = await Promise.all([
    findMany(src, coll, where, { orderBy: o.orderBy, skip: (o.page - 1) * o.pageSize, limit: o.pageSize }),
    count(src, coll, where),
  ]);
  return { items, total, page: o.page, pageSize: o.pageSize };
}

/** One page of documents parsed with `schema` and the count of all matches. */
export async function findPageAs<T>(src: DbSource, coll: string, schema: Schema<T>, where: object, o: PageOptions): Promise<Page<T>> {
  const [items, total] = await Promise.all([
    findManyAs(src, coll, schema, where, { orderBy: o.orderBy, skip: (o.page - 1) * o.pageSize, limit: o.pageSize }),
    count(src, coll, where),
  ]);
  return { items, total, page: o.page, pageSize: o.pageSize };
}

/** The rows of an aggregation (`….end()`), each parsed with `schema`. */
export async function aggregateRows<T>(coll: string, schema: Schema<T>, agg: { end(): unknown }): Promise<T[]> {
  const res = (await agg.end()) as { list?: unknown[] } | undefined;
  return (res?.list ?? []).map((r) => parseWith(schema, coll, r));
}

/** Adds `doc` under its `_id` unless a document with that id exists; true when this call wrote it. */
export async function addOnce(db: Database, coll: string, doc: { _id: string }): Promise<boolean> {
  try {
    await db.collection(coll).add({ data: doc });
    return true;
  } catch (err) {
    // a duplicate _id surfaces as a generic -501001: it is a duplicate only if the document is there
    const found = (await db.collection(coll).where({ _id: doc._id }).limit(1).get()) as { data: unknown[] };
    if (found.data.length) return false;
    throw err;
  }
}
