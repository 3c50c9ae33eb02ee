/**
 * The outbox: the ONE way any function tells a member something. A producer only enqueues; the
 * `notify` function delivers (subscribe messages within counted consents, mute, quiet hours,
 * retries, digests). See docs/ARCHITECTURE.md § Notifications.
 *
 * Every notice is written once under an id derived from its cause (`key`, e.g.
 * `task-reminder:<taskId>:<openid>`), so a retried or concurrent producer never notifies twice.
 * The in-app inbox item is written at once by the enqueue under the same id (it is silent, so it
 * needs no quiet hours and a member sees it at once); if the producer dies before that write, the
 * notify timer writes it. A notice marked `digest` gets no inbox item of its own: the daily digest
 * folds all of a member's digest notices into one.
 *
 * Scheduled notices (`notBefore` in the future, e.g. 公示 ends on a date, a letter is ready next
 * quarter): nothing shows until then — the notify timer writes the inbox item and pushes when it
 * is due. `cancel(key)` withdraws one that has not gone out (the 公示 was withdrawn …).
 */
import { createHash } from 'node:crypto';
import { cloud, type Database } from './cloud';
import { addOnce } from './query';
import { transact, txGet, txUpdate } from './tx';

export interface Notice {
  /** idempotency key from the cause: the same cause → the same key → one notice */
  key: string;
  openid: string;
  /** inbox kind (core/contracts/member `inboxKind`), also the unit of mute and of templates */
  kind: string;
  /** ≤ 40 chars (longer is cut) */
  title: string;
  /** ≤ 500 chars (longer is cut) */
  body: string;
  /** in-app route, e.g. `/pages/task-detail/index?id=…` */
  link?: string | null;
  /** delivered during quiet hours too (e.g. a cancellation of today's task) */
  urgent?: boolean;
  /** not delivered alone: folded into the recipient's daily 09:00 digest */
  digest?: boolean;
  /** values for subscribe-message fields beyond title/body, e.g. `{ time: '2026-11-30 09:00', status: '已通过' }` */
  values?: Record<string, string>;
  /** earliest delivery (default now): a scheduled notice reaches neither inbox nor push before it */
  notBefore?: Date;
}

export type OutboxStatus = 'pending' | 'digest' | 'done' | 'failed' | 'digested' | 'cancelled';
/** what became of the subscribe message */
export type PushState = 'sending' | 'sent' | 'none' | 'muted' | 'skipped' | 'failed' | 'unknown';

export interface OutboxDoc {
  _id: string;
  key: string;
  openid: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  digest: boolean;
  values: Record<string, string>;
  /** pending: waits for the drain; digest: waits for the digest; done/failed/digested: finished */
  status: OutboxStatus;
  /** the drain takes it at or after this time (also the lease of a drain that took it) */
  dueAt: Date;
  /** a scheduled notice: its inbox item is written by the drain, not the enqueue */
  notBefore: Date | null;
  push: PushState | null;
  /** why no push was sent, or the last transient error (`43101 …`, `no-consent`, `muted` …) */
  reason: string | null;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface InboxDoc {
  _id: string;
  openid: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: Date;
}

/** Document id of a notice: the key itself when it is a safe id, else a hash of it. */
export function outboxIdOf(key: string): string {
  if (/^[A-Za-z0-9:_\-.]{1,100}$/.test(key)) return key;
  return `h:${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

export function outboxDocOf(n: Notice, now: Date): OutboxDoc {
  if (!n.key || !n.openid) throw new Error('outbox: a notice needs a key and an openid');
  return {
    _id: outboxIdOf(n.key),
    key: n.key.slice(0, 300),
    openid: n.openid,
    kind: n.kind,
    title: n.title.slice(0, 40),
    body: n.body.slice(0, 500),
    link: n.link ?? null,
    urgent: !!n.urgent,
    digest: !!n.digest,
    values: n.values ?? {},
    status: n.digest ? 'digest' : 'pending',
    dueAt: n.notBefore && n.notBefore > now ? n.notBefore : now,
    notBefore: n.notBefore && n.notBefore > now ? n.notBefore : null,
    push: null,
    reason: null,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  };
}

export function inboxDocOf(o: Pick<OutboxDoc, '_id' | 'openid' | 'kind' | 'title' | 'body' | 'link'>, now: Date): InboxDoc {
  return { _id: o._id, openid: o.openid, kind: o.kind, title: o.title, body: o.body, link: o.link, read: false, createdAt: now };
}

interface Opts { db?: Database; now?: Date }

/**
 * Enqueues one notice (2 round trips: the outbox record, then the inbox item). Idempotent by
 * `key`: a repeat of the same cause writes nothing. Throws only when the database fails; the
 * outbox record is durable before the inbox write, so the notify timer completes a half-done one.
 */
export async function enqueue(n: Notice, opts: Opts = {}): Promise<void> {
  const db = opts.db ?? cloud.database();
  const now = opts.now ?? new Date();
  const doc = outboxDocOf(n, now);
  if (!(await addOnce(db, 'outbox', doc))) return;
  if (!doc.digest && !doc.notBefore) await addOnce(db, 'inbox', inboxDocOf(doc, now));
}

/**
 * Withdraws a notice that has not been delivered yet (typically a scheduled one whose cause is
 * gone). True when this call withdrew it; false when it was delivered, finished or never enqueued.
 * A push already being sent is not withdrawn.
 */
export async function cancel(key: string, opts: Opts = {}): Promise<boolean> {
  const db = opts.db ?? cloud.database();
  const now = opts.now ?? new Date();
  const id = outboxIdOf(key);
  return transact(db, async (tx) => {
    const o = await txGet<OutboxDoc>(tx, 'outbox', id);
    if (!o || (o.status !== 'pending' && o.status !== 'digest') || o.push) return false;
    await txUpdate(tx, 'outbox', id, { status: 'cancelled', reason: '已撤回', updatedAt: now });
    return true;
  });
}

/** Enqueues several notices (e.g. one per admin of a community); returns how many recipients. */
export async function enqueueAll(notices: Notice[], opts: Opts = {}): Promise<number> {
  const seen = new Set<string>();
  const uniq = notices.filter((n) => !seen.has(outboxIdOf(n.key)) && !!seen.add(outboxIdOf(n.key)));
  await Promise.all(uniq.map((n) => enqueue(n, opts)));
  return uniq.length;
}

/** The transaction handle as wx-server-sdk's `runTransaction` gives it (single-document ops only). */
export interface TxLike {
  collection(name: string): { doc(id: string): { get(): Promise<unknown>; set(d: { data: object }): Promise<unknown> } };
}

/**
 * Enqueues inside the caller's transaction (2 document writes, 1 read), so the notice exists if and
 * only if the caller's change commits. Idempotent by `key` like `enqueue`.
 */
export async function enqueueInTx(tx: TxLike, n: Notice, now: Date): Promise<void> {
  const doc = outboxDocOf(n, now);
  const ref = tx.collection('outbox').doc(doc._id);
  let exists = false;
  try {
    const res = (await ref.get()) as { data?: unknown };
    exists = Array.isArray(res?.data) ? res.data.length > 0 : !!res?.data;
  } catch (err) {
    if (!/not exist|不存在/i.test(String((err as Error)?.message ?? err))) throw err;
  }
  if (exists) return;
  const { _id: id, ...outbox } = doc;
  await ref.set({ data: outbox });
  if (!doc.digest && !doc.notBefore) {
    const { _id: _same, ...inbox } = inboxDocOf(doc, now);
    await tx.collection('inbox').doc(id).set({ data: inbox });
  }
}
