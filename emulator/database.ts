/**
 * The `database.*` actions of the CloudBase admin API, as `@cloudbase/database` 1.4.3 (inside
 * wx-server-sdk 4.0.2) sends and reads them. Request params and answer shapes were taken from the
 * SDK source and pinned by tests/emulator/wire.test.ts:
 *
 *   getDocument        → { data: { list: [ejson…], limit, offset } }
 *   calculateDocument  → { data: { total } }
 *   insertDocument     → { data: { insertedIds: [id…] } }
 *   modifyDocument     → { data: { updated, upsert_id } }
 *   removeDocument     → { data: { deleted } }
 *   aggregateDocuments → { data: { list: [ejson…] } }
 *   startTransaction   → { transactionId }   (read at the top level)
 *   commit/abort       → {}
 *   addCollection      → {}
 *   modifyAndReturnDoc → { data: { updated, doc } }
 */
import { randomBytes } from 'node:crypto';
import { clone, parseEjson, fromEjson, stringifyEjson } from './ejson';
import { Codes, DbError } from './errors';
import { applyUpdate, checkUpdate, project } from './mingo';
import type { Stats } from './stats';
import type { Change, Doc, Store } from './store';
import { TxnManager, lockKey, type Txn } from './transactions';

/** Platform page size for a server-side `get()`: larger limits are clamped. */
/** Results of an aggregation with no limit() stage, as on the platform. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export const PAGE_LIMIT = 100;

export interface Params {
  action: string;
  collectionName?: string;
  query?: string;
  queryType?: 'DOC' | 'WHERE';
  order?: string;
  offset?: number;
  limit?: number;
  projection?: string;
  data?: string | string[];
  multi?: boolean;
  merge?: boolean;
  upsert?: boolean;
  transactionId?: string;
  stages?: { stageKey: string; stageValue: string }[];
}

export interface Ctx {
  invocation: string;
  now: number;
}

/** auto `_id` like the platform's: 32 hex characters */
export const newId = () => randomBytes(16).toString('hex');

const TXN_ONLY_DOC =
  'only single-document operations are allowed inside a transaction (doc().get/set/update/remove and add); where() queries and batch writes are not';

function isPlainObject(v: unknown): v is Doc {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);
}

/** `{_id: "x"}` (doc queries) → "x" */
function docIdOf(query: Doc | undefined): string {
  const id = query?._id;
  if (typeof id !== 'string' && typeof id !== 'number') throw new DbError(Codes.INVALID_PARAM, 'doc query needs an _id');
  return String(id);
}

/** Update data: operators as sent; a bare object (no operator) means $set of its fields. */
function toUpdate(data: unknown): Doc {
  if (!isPlainObject(data)) throw new DbError(Codes.INVALID_PARAM, 'update data must be an object');
  const keys = Object.keys(data);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === keys.length) return data;
  if (ops.length === 0) return { $set: data };
  throw new DbError(Codes.INVALID_PARAM, 'update data mixes operators and plain fields');
}

/** Fields an upsert inherits from the query: top-level equalities. */
function seedFromQuery(query: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) continue;
    if (isPlainObject(v)) {
      if (Object.keys(v).length === 1 && '$eq' in v) out[k] = v.$eq;
      else if (!Object.keys(v).some((x) => x.startsWith('$'))) out[k] = v;
    } else out[k] = v;
  }
  return out;
}

function sameDoc(a: Doc, b: Doc): boolean {
  return stringifyEjson(a) === stringifyEjson(b);
}

export class Database {
  readonly txns: TxnManager;

  constructor(readonly store: Store, private stats: Stats, txnOpts?: ConstructorParameters<typeof TxnManager>[1]) {
    this.txns = new TxnManager(store, txnOpts);
  }

  async handle(p: Params, ctx: Ctx): Promise<Record<string, unknown>> {
    const action = p.action;
    switch (action) {
      case 'database.getDocument':
        return this.getDocument(p, ctx);
      case 'database.calculateDocument':
        return this.count(p, ctx);
      case 'database.insertDocument':
        return this.insert(p, ctx);
      case 'database.modifyDocument':
        return this.modify(p, ctx);
      case 'database.removeDocument':
        return this.remove(p, ctx);
      case 'database.aggregateDocuments':
        return this.aggregate(p, ctx);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(p, ctx);
      case 'database.startTransaction': {
        const transactionId = this.txns.start(ctx.invocation);
        this.stats.record(ctx.invocation, action, {});
        return { transactionId };
      }
      case 'database.commitTransaction': {
        const txn = this.txns.get(String(p.transactionId));
        const written = txn.writes.size;
        this.stats.record(ctx.invocation, action, { written });
        this.txns.commit(txn);
        return {};
      }
      case 'database.abortTransaction':
        this.stats.record(ctx.invocation, action, {});
        this.txns.abort(String(p.transactionId));
        return {};
      case 'database.addCollection':
        this.stats.record(ctx.invocation, action, {});
        this.store.createCollection(String(p.collectionName ?? ''));
        return {};
      default:
        throw new DbError(Codes.UNSUPPORTED_ACTION, `[emulator] database action ${action} is not emulated`);
    }
  }

  /**
   * Wait until no transaction holds any of `keys`. Resolves only after a synchronous check, so the
   * caller's code up to its next await runs with every key free (a lock may be taken by another
   * request between an async function's return and the caller resuming).
   */
  private async free(keys: string[], invocation: string): Promise<void> {
    while (keys.some((k) => this.txns.isLocked(k))) await this.txns.waitUnlocked(keys, invocation);
  }

  private coll(p: Params): string {
    const c = p.collectionName;
    if (!c) throw new DbError(Codes.INVALID_PARAM, 'collectionName is required');
    if (!this.store.hasCollection(c)) throw new DbError(Codes.COLLECTION_NOT_EXIST, `database collection not exists: ${c}`);
    return c;
  }

  private query(p: Params, ctx: Ctx): Doc {
    const q = parseEjson(p.query, ctx.now);
    if (q === undefined) return {};
    if (!isPlainObject(q)) throw new DbError(Codes.INVALID_PARAM, 'query must be an object');
    return q;
  }

  private txnOf(p: Params): Txn | undefined {
    return p.transactionId ? this.txns.get(p.transactionId) : undefined;
  }

  /**
   * Inside a transaction the platform takes single-document operations only: take the document's
   * lock (waiting for another transaction that holds it) and read it as this transaction sees it.
   */
  private async lockedDoc(p: Params, txn: Txn, c: string, query: Doc | undefined): Promise<{ id: string; doc: Doc | null }> {
    if (p.queryType !== 'DOC') throw new DbError(Codes.INVALID_PARAM, TXN_ONLY_DOC);
    const id = docIdOf(query);
    await this.txns.lock(txn, c, id);
    return { id, doc: this.txns.view(txn, c, id) };
  }

  // ---------- reads ----------

  private async getDocument(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    const query = this.query(p, ctx);
    const projection = parseEjson(p.projection, ctx.now) as Doc | undefined;
    const txn = this.txnOf(p);
    if (txn) {
      const { doc } = await this.lockedDoc(p, txn, c, query);
      this.stats.record(ctx.invocation, p.action, { examined: doc ? 1 : 0, returned: doc ? 1 : 0 });
      const list = doc ? project([clone(doc)], projection) : [];
      return { data: { list: list.map(stringifyEjson), limit: 1, offset: 0 } };
    }
    const order = parseEjson(p.order, ctx.now) as Record<string, 1 | -1> | undefined;
    const offset = Math.max(0, Number(p.offset ?? 0) || 0);
    const requested = p.limit === undefined || p.limit === null ? PAGE_LIMIT : Number(p.limit);
    const limit = Math.max(0, Math.min(requested, PAGE_LIMIT));
    const { docs, examined } = this.store.find(c, query, { order, skip: offset, limit, projection });
    this.stats.record(ctx.invocation, p.action, { examined, returned: docs.length });
    return { data: { list: docs.map(stringifyEjson), limit, offset } };
  }

  private async count(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    if (p.transactionId) throw new DbError(Codes.INVALID_PARAM, TXN_ONLY_DOC);
    const { total, examined } = this.store.count(c, this.query(p, ctx));
    this.stats.record(ctx.invocation, p.action, { examined });
    return { data: { total } };
  }

  private async aggregate(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    if (p.transactionId) throw new DbError(Codes.INVALID_PARAM, TXN_ONLY_DOC);
    const stages = (p.stages ?? []).map((s) => ({ [s.stageKey]: fromEjson(JSON.parse(s.stageValue), ctx.now) }));
    // The platform returns 20 results for a pipeline without limit() (field reports; see README):
    // so does this emulator, so code that forgets to page fails here first.
    if (!stages.some((s) => '$limit' in s)) stages.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
    const { docs, examined } = this.store.aggregate(c, stages);
    this.stats.record(ctx.invocation, p.action, { examined, returned: docs.length });
    return { data: { list: docs.map(stringifyEjson) } };
  }

  // ---------- writes ----------

  private async insert(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    const raw = Array.isArray(p.data) ? p.data : p.data !== undefined ? [p.data] : [];
    if (raw.length === 0) throw new DbError(Codes.INVALID_PARAM, 'nothing to insert');
    const docs = raw.map((s) => {
      const d = parseEjson(s, ctx.now);
      if (!isPlainObject(d)) throw new DbError(Codes.INVALID_PARAM, 'document must be an object');
      if (d._id === undefined || d._id === null || d._id === '') d._id = newId();
      else d._id = String(d._id);
      return d;
    });
    const txn = this.txnOf(p);
    if (txn) {
      for (const d of docs) {
        const id = d._id as string;
        await this.txns.lock(txn, c, id);
        if (this.txns.view(txn, c, id)) throw duplicateId(c, id);
        this.txns.write(txn, c, id, d);
      }
    } else {
      await this.free(docs.map((d) => lockKey(c, d._id as string)), ctx.invocation);
      const seen = new Set<string>();
      for (const d of docs) {
        const id = d._id as string;
        if (this.store.peek(c, id) || seen.has(id)) throw duplicateId(c, id);
        seen.add(id);
      }
      this.store.commit(docs.map((d) => ({ c, id: d._id as string, doc: d })));
    }
    this.stats.record(ctx.invocation, p.action, { written: docs.length });
    return { data: { insertedIds: docs.map((d) => d._id) } };
  }

  /** New document after applying `data` to `cur` (null = not there). Returns null when nothing to write. */
  private computeModify(p: Params, ctx: Ctx, cur: Doc | null, id: string, query: Doc): { doc: Doc; created: boolean } | null {
    const data = parseEjson(typeof p.data === 'string' ? p.data : JSON.stringify(p.data ?? {}), ctx.now);
    if (p.merge === false) {
      // set(): replace the whole document (keeps _id), insert when missing and upsert
      if (!isPlainObject(data)) throw new DbError(Codes.INVALID_PARAM, 'set data must be an object');
      if (Object.keys(data).some((k) => k.startsWith('$'))) throw new DbError(Codes.INVALID_PARAM, 'set data cannot contain update operators');
      if (!cur && !p.upsert) return null;
      return { doc: { ...data, _id: id }, created: !cur };
    }
    const update = toUpdate(data);
    checkUpdate(update);
    if (!cur) {
      if (!p.upsert) return null;
      const seed = { ...seedFromQuery(query), _id: id };
      applyUpdate(seed, update);
      seed._id = id;
      return { doc: seed, created: true };
    }
    const next = clone(cur);
    applyUpdate(next, update);
    if (next._id !== cur._id) throw new DbError(Codes.INVALID_PARAM, '不能更新_id的值');
    return { doc: next, created: false };
  }

  private async modify(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    const query = this.query(p, ctx);
    const txn = this.txnOf(p);
    if (txn) {
      const { id, doc: cur } = await this.lockedDoc(p, txn, c, query);
      const r = this.computeModify(p, ctx, cur, id, query);
      let updated = 0;
      if (r) {
        this.txns.write(txn, c, id, r.doc);
        updated = r.created ? 0 : p.merge === false ? 1 : cur && sameDoc(cur, r.doc) ? 0 : 1;
      }
      this.stats.record(ctx.invocation, p.action, { examined: cur ? 1 : 0, written: r ? 1 : 0 });
      return { data: { updated, upsert_id: r?.created ? id : null } };
    }
    if (p.queryType === 'DOC') {
      const id = docIdOf(query);
      await this.free([lockKey(c, id)], ctx.invocation);
      const cur = this.store.peek(c, id) ?? null;
      const r = this.computeModify(p, ctx, cur, id, query);
      let updated = 0;
      if (r) {
        const unchanged = !!cur && sameDoc(cur, r.doc);
        if (!unchanged) this.store.commit([{ c, id, doc: r.doc }]);
        // set() reports 1 for an existing _id (platform docs); update() counts modified documents
        updated = r.created ? 0 : p.merge === false ? 1 : unchanged ? 0 : 1;
      }
      this.stats.record(ctx.invocation, p.action, { examined: cur ? 1 : 0, written: r ? 1 : 0 });
      return { data: { updated, upsert_id: r?.created ? id : null } };
    }
    // WHERE: batch update (multi) or first match
    for (;;) {
      const { ids, examined } = this.store.matchIds(c, query, p.multi === false ? 1 : undefined);
      const keys = ids.map((id) => lockKey(c, id));
      if (keys.some((k) => this.txns.isLocked(k))) {
        await this.txns.waitUnlocked(keys, ctx.invocation);
        continue; // matches may have changed meanwhile: match again
      }
      const changes: Change[] = [];
      for (const id of ids) {
        const cur = this.store.peek(c, id) as Doc;
        const r = this.computeModify({ ...p, merge: true, upsert: false }, ctx, cur, id, query);
        if (r && !sameDoc(cur, r.doc)) changes.push({ c, id, doc: r.doc });
      }
      let upsertId: string | null = null;
      if (ids.length === 0 && p.upsert) {
        const id = newId();
        const r = this.computeModify({ ...p, merge: true }, ctx, null, id, query);
        if (r) {
          changes.push({ c, id, doc: r.doc });
          upsertId = id;
        }
      }
      this.store.commit(changes);
      this.stats.record(ctx.invocation, p.action, { examined, written: changes.length });
      return { data: { updated: upsertId ? 0 : changes.length, upsert_id: upsertId } };
    }
  }

  private async modifyAndReturn(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    if (p.transactionId) throw new DbError(Codes.INVALID_PARAM, TXN_ONLY_DOC);
    const query = this.query(p, ctx);
    let ids: string[];
    let examined: number;
    for (;;) {
      ({ ids, examined } = this.store.matchIds(c, query, 1));
      if (ids.length === 0 || !this.txns.isLocked(lockKey(c, ids[0]))) break;
      await this.txns.waitUnlocked([lockKey(c, ids[0])], ctx.invocation); // then match again
    }
    if (ids.length === 0) {
      this.stats.record(ctx.invocation, p.action, { examined });
      return { data: { updated: 0, doc: null } };
    }
    const id = ids[0];
    const cur = this.store.peek(c, id) as Doc;
    const r = this.computeModify({ ...p, merge: true, upsert: false }, ctx, cur, id, query) as { doc: Doc };
    const changed = !sameDoc(cur, r.doc);
    if (changed) this.store.commit([{ c, id, doc: r.doc }]);
    this.stats.record(ctx.invocation, p.action, { examined, written: changed ? 1 : 0, returned: 1 });
    return { data: { updated: changed ? 1 : 0, doc: stringifyEjson(r.doc) } };
  }

  private async remove(p: Params, ctx: Ctx) {
    const c = this.coll(p);
    const query = this.query(p, ctx);
    const txn = this.txnOf(p);
    if (txn) {
      const { id, doc: cur } = await this.lockedDoc(p, txn, c, query);
      if (cur) this.txns.write(txn, c, id, null);
      this.stats.record(ctx.invocation, p.action, { examined: cur ? 1 : 0, written: cur ? 1 : 0 });
      return { data: { deleted: cur ? 1 : 0 } };
    }
    let ids: string[];
    let examined: number;
    if (p.queryType === 'DOC') {
      const id = docIdOf(query);
      await this.free([lockKey(c, id)], ctx.invocation);
      ids = this.store.peek(c, id) ? [id] : [];
      examined = ids.length;
    } else {
      for (;;) {
        ({ ids, examined } = this.store.matchIds(c, query, p.multi === false ? 1 : undefined));
        const keys = ids.map((id) => lockKey(c, id));
        if (!keys.some((k) => this.txns.isLocked(k))) break;
        await this.txns.waitUnlocked(keys, ctx.invocation); // then match again
      }
    }
    this.store.commit(ids.map((id) => ({ c, id, doc: null })));
    this.stats.record(ctx.invocation, p.action, { examined, written: ids.length });
    return { data: { deleted: ids.length } };
  }
}

function duplicateId(c: string, id: string): DbError {
  return new DbError(Codes.DUPLICATE_KEY, `E11000 duplicate key error collection: ${c} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
}
