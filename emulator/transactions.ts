/**
 * Server-side transactions with per-document locks.
 *
 * A transaction locks every document it reads or writes (by collection + _id, existing or not) until
 * it commits or aborts; a second transaction touching the same document waits its turn. So
 * read-modify-write transactions serialise and none loses an update.
 *
 * When waiting would deadlock (or the wait exceeds `lockWaitMs`), the waiting transaction is
 * "doomed": its locks are released at once, it keeps answering from the committed state plus its
 * own writes, and its commit is refused with `DATABASE_TRANSACTION_CONFLICT` — the only answer on
 * which `db.runTransaction` retries (wx-server-sdk converts errors raised by the operations inside
 * the callback into -501001, but lets a commit's conflict through untouched).
 *
 * An idle transaction (no operation for `idleMs`) is aborted and its locks released.
 *
 * Writes outside any transaction to a locked document wait until the lock is released (up to
 * `lockWaitMs`, then fail). When the waiting writer is the invocation that holds the lock — a
 * `where()` batch write inside `runTransaction`, which the SDK sends without the transaction id —
 * the failure says so: the platform takes only single-document operations inside a transaction.
 */
import { randomBytes } from 'node:crypto';
import { clone } from './ejson';
import { Codes, DbError } from './errors';
import type { Change, Doc, Store } from './store';

export interface Txn {
  id: string;
  /** invocation (TCB_SEQID) that started it, '' if unknown */
  invocation: string;
  writes: Map<string, Change>;
  locks: Set<string>;
  waitingFor?: string;
  doomed: boolean;
  doomReason?: string;
  timer?: NodeJS.Timeout;
}

interface Lock {
  owner: Txn;
  queue: { txn: Txn; grant: (ok: boolean) => void }[];
  /** non-transactional writers waiting for this key to be free */
  watchers: (() => void)[];
}

/** monotonic milliseconds (Date may be faked by tests; process.uptime never is) */
const monoMs = () => process.uptime() * 1000;

export const lockKey = (c: string, id: string) => `${c}\u0000${id}`;

export interface TxnOptions {
  /** how long a transaction waits for a lock before it is doomed (default 5 s) */
  lockWaitMs?: number;
  /** a transaction with no operation for this long is aborted and its locks released (default 10 s:
   *  far above the gap between two operations of a live transaction, short enough that an invocation
   *  that died mid-transaction does not block everyone else for long) */
  idleMs?: number;
}

export class TxnManager {
  private txns = new Map<string, Txn>();
  private locks = new Map<string, Lock>();
  private lockWaitMs: number;
  private idleMs: number;
  /** counters for tests and stats */
  conflicts = 0;

  constructor(private store: Store, opts: TxnOptions = {}) {
    this.lockWaitMs = opts.lockWaitMs ?? 5000;
    this.idleMs = opts.idleMs ?? 10000;
  }

  start(invocation: string): string {
    const id = randomBytes(16).toString('hex');
    const txn: Txn = { id, invocation, writes: new Map(), locks: new Set(), doomed: false };
    this.txns.set(id, txn);
    this.touch(txn);
    return id;
  }

  activeCount(): number {
    return this.txns.size;
  }

  private touch(txn: Txn): void {
    if (txn.timer) clearTimeout(txn.timer);
    txn.timer = setTimeout(() => this.finish(txn), this.idleMs);
    txn.timer.unref?.();
  }

  /** The transaction for an id, or the platform-like error when it is unknown/finished. */
  get(id: string): Txn {
    const txn = this.txns.get(id);
    if (!txn) throw new DbError(Codes.TRANSACTION_NOT_EXIST, `transaction ${id} does not exist (finished, aborted or timed out)`);
    this.touch(txn);
    return txn;
  }

  private doom(txn: Txn, reason: string): void {
    if (txn.doomed) return;
    txn.doomed = true;
    txn.doomReason = reason;
    this.releaseLocks(txn);
  }

  /** Lock a document for `txn`; resolves false when the transaction got doomed instead. */
  async lock(txn: Txn, c: string, id: string): Promise<boolean> {
    if (txn.doomed) return false;
    const key = lockKey(c, id);
    const lock = this.locks.get(key);
    if (!lock) {
      this.locks.set(key, { owner: txn, queue: [], watchers: [] });
      txn.locks.add(key);
      return true;
    }
    if (lock.owner === txn) return true;
    // deadlock: follow the waits-for chain from the owner; reaching txn means a cycle
    let t: Txn | undefined = lock.owner;
    for (let hops = 0; t && hops < 10000; hops++) {
      if (t === txn) {
        this.doom(txn, `deadlock on ${c}/${id}`);
        return false;
      }
      t = t.waitingFor ? this.locks.get(t.waitingFor)?.owner : undefined;
    }
    txn.waitingFor = key;
    const ok = await new Promise<boolean>((resolve) => {
      const waiter = {
        txn,
        grant: (granted: boolean) => {
          clearTimeout(timer);
          resolve(granted);
        },
      };
      const timer = setTimeout(() => {
        const l = this.locks.get(key);
        if (l) l.queue = l.queue.filter((w) => w !== waiter);
        resolve(false);
      }, this.lockWaitMs);
      lock.queue.push(waiter);
    });
    txn.waitingFor = undefined;
    if (!ok) {
      this.doom(txn, `waited more than ${this.lockWaitMs} ms for ${c}/${id}`);
      return false;
    }
    if (txn.doomed || !this.txns.has(txn.id)) {
      // finished while waiting (idle timeout): hand the lock on
      this.releaseKey(key, txn);
      return false;
    }
    return true;
  }

  private releaseKey(key: string, txn: Txn): void {
    const lock = this.locks.get(key);
    txn.locks.delete(key);
    if (!lock || lock.owner !== txn) return;
    const next = lock.queue.shift();
    if (next) {
      lock.owner = next.txn;
      next.txn.locks.add(key);
      next.grant(true);
    } else {
      this.locks.delete(key);
      for (const w of lock.watchers) w();
    }
  }

  private releaseLocks(txn: Txn): void {
    for (const key of [...txn.locks]) this.releaseKey(key, txn);
  }

  private finish(txn: Txn): void {
    if (txn.timer) clearTimeout(txn.timer);
    this.txns.delete(txn.id);
    this.releaseLocks(txn);
  }

  /** What `txn` sees for a document: its own pending write, else the committed state. */
  view(txn: Txn, c: string, id: string): Doc | null {
    const own = txn.writes.get(lockKey(c, id));
    if (own) return own.doc;
    return this.store.peek(c, id) ?? null;
  }

  write(txn: Txn, c: string, id: string, doc: Doc | null): void {
    txn.writes.set(lockKey(c, id), { c, id, doc });
  }

  /** Commit as one journal record; a doomed transaction is refused with a conflict. */
  commit(txn: Txn): void {
    if (txn.doomed) {
      const reason = txn.doomReason;
      this.finish(txn);
      this.conflicts++;
      throw new DbError(Codes.TRANSACTION_CONFLICT, `transaction conflict (${reason}); retry the transaction`);
    }
    try {
      this.store.commit([...txn.writes.values()].map((ch) => ({ ...ch, doc: ch.doc && clone(ch.doc) })));
    } finally {
      this.finish(txn);
    }
  }

  abort(id: string): void {
    const txn = this.txns.get(id);
    if (txn) this.finish(txn);
  }

  /**
   * Non-transactional writers call this before touching documents: waits until no transaction holds
   * any of them. A lock held by the caller's own invocation means a batch write inside a transaction.
   */
  async waitUnlocked(keys: string[], invocation: string): Promise<void> {
    const deadline = monoMs() + this.lockWaitMs;
    for (const key of keys) {
      for (;;) {
        const lock = this.locks.get(key);
        if (!lock) break;
        const remaining = deadline - monoMs();
        const freed = remaining > 0 && (await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), remaining);
          lock.watchers.push(() => {
            clearTimeout(timer);
            resolve(true);
          });
        }));
        const still = this.locks.get(key);
        if (!freed && still) {
          // the SDK sends where() batch writes without the transaction id, so a batch write issued
          // inside runTransaction shows up here, waiting on its own transaction's lock
          if (invocation && still.owner.invocation === invocation) {
            throw new DbError(
              Codes.INVALID_PARAM,
              '[emulator] only single-document operations are allowed inside a transaction (doc().get/set/update/remove, add): a where() batch write waited for a document its own transaction holds',
            );
          }
          throw new DbError(Codes.REQUEST_FAILED, `[emulator] document is locked by a transaction that did not finish within ${this.lockWaitMs} ms`);
        }
      }
    }
  }

  isLocked(key: string): boolean {
    return this.locks.has(key);
  }

  close(): void {
    for (const txn of [...this.txns.values()]) this.finish(txn);
  }
}
