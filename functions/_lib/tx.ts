/**
 * The one way functions write several documents together: `transact(db, body)` runs `body` in a
 * database transaction, retries a conflict with jittered exponential backoff, and, when it keeps
 * conflicting, fails with the one code `CONFLICT`. Inside, `txGet` / `txSet` / `txUpdate` read and
 * write single documents by id; `txGet` answers the collection's record type (core/db/records.ts),
 * parsed once here, or null when the document does not exist.
 *
 * Transactions take single-document operations only (no `where` inside); the SDK itself already
 * retries a conflict 3 times, which a burst of sign-ups on one task easily exhausts.
 */
import { fail } from '../../core/contracts/errors';
import { AppError } from '../../core/contracts/errors';
import { parseRecord, records, type Collection, type RecordData, type RecordOf, type RecordPatch } from '../../core/db/records';
import type { DbSource } from './query';
import { dbOf } from './query';

/** The SDK's transaction object, as far as we use it. */
export interface Tx {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<unknown>; set(arg: { data: object }): Promise<unknown>; update(arg: { data: object }): Promise<unknown>; remove(): Promise<unknown>;
    };
    add(arg: { data: object[] }): Promise<unknown>;
  };
}

function errText(err: unknown): string {
  if (!err || typeof err !== 'object') return String(err);
  const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown };
  return [e.code, e.errCode, e.message, e.errMsg].filter((x) => x !== undefined).join(' ');
}

/** A transaction answer carrying an error code (the SDK answers some failures instead of throwing). */
function check(res: unknown): void {
  if (res && typeof res === 'object' && (res as { code?: unknown }).code) {
    const r = res as { code: string; message?: string };
    throw Object.assign(new Error(r.message ?? r.code), { code: r.code });
  }
}

export function isConflict(err: unknown): boolean {
  return !(err instanceof AppError) && /TRANSACTION_CONFLICT/i.test(errText(err));
}

const missing = (err: unknown) => /does not exist|not exist|不存在/i.test(errText(err));

/** A document by id inside a transaction, as its record; null when there is none. */
export async function txGet<C extends Collection>(tx: Tx, coll: C, id: string): Promise<RecordOf<C> | null>;
/** a collection without a record schema yet (core/db/records.ts): the caller names the shape */
export async function txGet<T>(tx: Tx, coll: string, id: string): Promise<T | null>;
export async function txGet(tx: Tx, coll: string, id: string): Promise<unknown> {
  let res: unknown;
  try {
    res = await tx.collection(coll).doc(id).get();
    check(res);
  } catch (err) {
    if (missing(err)) return null;
    throw err;
  }
  const data = (res as { data?: unknown } | undefined)?.data;
  const raw = Array.isArray(data) ? data[0] : data;
  if (!raw || typeof raw !== 'object') return null;
  return coll in records ? parseRecord(coll as Collection, { _id: id, ...raw }) : { _id: id, ...raw };
}

/** Writes (creates or replaces) a whole document. An `_id` in `doc` is ignored: `id` names it. */
export async function txSet<C extends Collection>(tx: Tx, coll: C, id: string, doc: RecordData<C>): Promise<void>;
export async function txSet(tx: Tx, coll: string, id: string, doc: object): Promise<void>;
export async function txSet(tx: Tx, coll: string, id: string, doc: object): Promise<void> {
  const { _id: _ignored, ...data } = doc as { _id?: string };
  check(await tx.collection(coll).doc(id).set({ data }));
}

/**
 * Creates several new documents, named by their `_id`, in ONE round trip (the SDK sends an array
 * `add` as one insert, which the platform takes inside a transaction). A document whose id is
 * already there fails the insert, and with it the transaction: only for ids the caller knows are new.
 */
export async function txInsert<C extends Collection>(tx: Tx, coll: C, docs: Array<RecordData<C> & { _id: string }>): Promise<void>;
export async function txInsert(tx: Tx, coll: string, docs: Array<object & { _id: string }>): Promise<void>;
export async function txInsert(tx: Tx, coll: string, docs: Array<object & { _id: string }>): Promise<void> {
  if (docs.length === 0) return;
  check(await tx.collection(coll).add({ data: docs }));
}

/** Changes the given fields of an existing document. */
export async function txUpdate<C extends Collection>(tx: Tx, coll: C, id: string, patch: RecordPatch<C>): Promise<void>;
export async function txUpdate(tx: Tx, coll: string, id: string, patch: object): Promise<void>;
export async function txUpdate(tx: Tx, coll: string, id: string, patch: object): Promise<void> {
  check(await tx.collection(coll).doc(id).update({ data: patch }));
}

/**
 * At most this many transactions in flight per process. On the platform an instance runs one
 * invocation at a time, so this never binds there; where many calls share one process (tests, the
 * local gateway) it keeps transactions waiting for a document lock from holding every HTTP socket
 * of the SDK, which would stop the lock holder from committing.
 */
const MAX_IN_FLIGHT = 16;
let inFlight = 0;
const waiting: Array<() => void> = [];

async function acquire(): Promise<boolean> {
  if (inFlight < MAX_IN_FLIGHT) { inFlight++; return false; }
  await new Promise<void>((resolve) => waiting.push(resolve));
  return true; // handed over by release(); inFlight stays counted
}
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const TX_ATTEMPTS = 8;
/** Backoff before attempt `n + 1`: random in [base/2, base) with base doubling to ~1.3 s. */
export const backoffMs = (attempt: number) => {
  const base = 20 * 2 ** Math.min(attempt, 6);
  return Math.floor(base / 2 + Math.random() * (base / 2));
};

export interface TransactOptions<T> {
  /**
   * Asked after waiting for a slot and after each conflict: if what we meant to write has been
   * written meanwhile (by a concurrent call of the same request), its answer is returned instead.
   */
  settled?: () => Promise<T | null>;
  /** shown to the user when the conflicts do not stop (default: 数据正在被同时修改…) */
  conflictMessage?: string;
}

export async function transact<T>(src: DbSource, body: (tx: Tx) => Promise<T>, opts: TransactOptions<T> = {}): Promise<T> {
  const db = dbOf(src);
  for (let attempt = 1; ; attempt++) {
    const waited = await acquire();
    let conflict: unknown;
    try {
      if (waited && opts.settled) {
        const done = await opts.settled();
        if (done !== null) return done;
      }
      return (await db.runTransaction(async (tx: unknown) => body(tx as Tx))) as T;
    } catch (err) {
      if (!isConflict(err)) throw err;
      conflict = err;
    } finally {
      release();
    }
    if (opts.settled) {
      const done = await opts.settled();
      if (done !== null) return done;
    }
    if (attempt >= TX_ATTEMPTS) {
      console.error('[transact] giving up after repeated conflicts', errText(conflict));
      fail('CONFLICT', opts.conflictMessage ?? '数据正在被同时修改，请稍后重试');
    }
    await sleep(backoffMs(attempt));
  }
}
