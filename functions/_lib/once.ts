/**
 * Idempotent creation: a double tap, a retry after a lost answer, or two concurrent calls with the
 * same client `requestId` create ONE thing and all get the same answer.
 *
 *   // contract: input `.extend({ requestId: requestIdInput.optional() })` (core/contracts/envelope.ts)
 *   const { answer, replayed } = await once(ctx, 'task', input.requestId, {
 *     prepare: async () => loadAndCheck(…),          // optional: reads and checks before writing
 *     create: async (tx, prepared) => {              // the creating writes, in THIS transaction
 *       const id = newId('t', ctx.now);
 *       await txSet(tx, 'tasks', id, doc);
 *       return { id, answer: { taskId: id } };        // answer: JSON data (Dates become ISO strings)
 *     },
 *   });
 *   if (!replayed) { …side effects that must happen once (notices)… }
 *   // or, with nothing to prepare: once(ctx, 'need', input.requestId, async (tx) => …)
 *
 * How: one `requests` document per (kind, caller, requestId), `_id = ${kind}:${openid}:${requestId}`,
 * read and written in the same transaction as the creating writes. A concurrent second call waits on
 * (or conflicts with) that document and then finds it, so it replays the stored answer instead of
 * creating. The key carries the caller's OPENID (one user's id never replays another's answer) and
 * the kind (one id reused for a task and a need creates both).
 *
 * A replay is looked up before `prepare` and again when `prepare` or the transaction refuses (the
 * first call may have committed in between: "已提交过" must not reach the user who only tapped twice).
 * Permission checks belong before `once` (or in `prepare`), so a replay is still checked.
 * Without a `requestId` (older clients) the body simply runs once in a transaction.
 */
import { AppError } from '../../core/contracts/errors';
import type { RecordData, RequestRecord } from '../../core/db/records';
import type { Database } from './cloud';
import { getDoc } from './query';
import { transact, txGet, txSet, type Tx } from './tx';

export const REQUESTS = 'requests';

export interface OnceCtx { db: Database; openid: string; now: Date }

export interface Created<T> { id: string; answer: T }
export interface OnceSpec<T, P> {
  prepare?: () => Promise<P>;
  create: (tx: Tx, prepared: P) => Promise<Created<T>>;
}

type RequestDoc = RequestRecord;

export const requestKey = (kind: string, openid: string, requestId: string) => `${kind}:${openid}:${requestId}`;

const replayOf = <T>(d: RequestDoc) => ({ id: d.resultId, answer: JSON.parse(d.answer) as T, replayed: true });

/** The stored answer of an earlier call with this requestId, if any. */
export async function replay<T>(ctx: OnceCtx, kind: string, requestId: string | undefined): Promise<{ id: string; answer: T; replayed: true } | null> {
  if (!requestId) return null;
  const seen = await getDoc<RequestDoc>(ctx, REQUESTS, requestKey(kind, ctx.openid, requestId));
  return seen ? (replayOf<T>(seen) as { id: string; answer: T; replayed: true }) : null;
}

export async function once<T, P = undefined>(
  ctx: OnceCtx,
  kind: string,
  requestId: string | undefined,
  spec: OnceSpec<T, P> | ((tx: Tx) => Promise<Created<T>>),
): Promise<{ id: string; answer: T; replayed: boolean }> {
  const { prepare, create } = typeof spec === 'function' ? { prepare: undefined, create: spec as OnceSpec<T, P>['create'] } : spec;
  const key = requestId ? requestKey(kind, ctx.openid, requestId) : null;
  const earlier = await replay<T>(ctx, kind, requestId);
  if (earlier) return earlier;
  // a refusal may come from the first call having just committed: then that answer is ours too
  const orReplay = async (err: unknown): Promise<never | { id: string; answer: T; replayed: boolean }> => {
    if (err instanceof AppError) {
      const done = await replay<T>(ctx, kind, requestId);
      if (done) return done;
    }
    throw err;
  };
  let prepared: P;
  try {
    prepared = prepare ? await prepare() : (undefined as P);
  } catch (err) {
    return orReplay(err);
  }
  try {
    return await transact(ctx, async (tx) => {
      if (key) {
        const seen = await txGet(tx, REQUESTS, key);
        if (seen) return replayOf<T>(seen);
      }
      const made = await create(tx, prepared);
      const answer = JSON.stringify(made.answer);
      if (key) {
        const doc: RecordData<'requests'> = { kind, openid: ctx.openid, requestId: requestId!, resultId: made.id, answer, createdAt: ctx.now };
        await txSet(tx, REQUESTS, key, doc);
      }
      return { id: made.id, answer: JSON.parse(answer) as T, replayed: false };
    });
  } catch (err) {
    return orReplay(err);
  }
}
