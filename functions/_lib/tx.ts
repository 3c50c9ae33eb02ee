/**
 * Transactions over the SDK: typed single-document reads/writes and a retry with jittered backoff
 * (the SDK itself retries a conflict only 3 times, not enough under a burst of sign-ups).
 */
import { AppError, fail } from '../../core/contracts/errors';
import type { Database } from './cloud';

export interface TxDoc {
  get(): Promise<unknown>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
}
export interface Tx { collection(name: string): { doc(id: string): TxDoc } }

function errText(err: unknown): string {
  if (!err || typeof err !== 'object') return String(err);
  const e = err as { code?: unknown; errCode?: unknown; message?: unknown; errMsg?: unknown };
  return [e.code, e.errCode, e.message, e.errMsg].filter((x) => x !== undefined).join(' ');
}
function check(res: unknown) {
  if (res && typeof res === 'object' && (res as { code?: string }).code) {
    const r = res as { code: string; message?: string };
    throw Object.assign(new Error(r.message ?? r.code), { code: r.code });
  }
}

export async function txGet<T>(tx: Tx, coll: string, id: string): Promise<T | null> {
  try {
    const res = (await tx.collection(coll).doc(id).get()) as unknown as { data?: T | T[] | null };
    check(res);
    const data = res?.data;
    if (Array.isArray(data)) return data[0] ?? null;
    return data ?? null;
  } catch (err) {
    if (/does not exist|not exist|不存在/i.test(errText(err))) return null;
    throw err;
  }
}
export async function txSet(tx: Tx, coll: string, id: string, doc: object): Promise<void> {
  const { _id: _ignored, ...data } = doc as { _id?: string };
  check(await tx.collection(coll).doc(id).set({ data }));
}
export async function txUpdate(tx: Tx, coll: string, id: string, data: object): Promise<void> {
  check(await tx.collection(coll).doc(id).update({ data }));
}

const isConflict = (err: unknown) => !(err instanceof AppError) && /TRANSACTION_CONFLICT/i.test(errText(err));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_ATTEMPTS = 8;

/**
 * Runs `body` in a transaction. The SDK retries a conflict 3 times; under a burst of signups that
 * is not enough, so back off with jitter and try again a few more times before giving up.
 */
export async function transact<T>(ctx: { db: Database }, body: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await ctx.db.runTransaction(async (tx: unknown) => body(tx as Tx))) as T;
    } catch (err) {
      if (!isConflict(err)) throw err;
      if (attempt >= MAX_ATTEMPTS) fail('CONFLICT', '报名人数较多，请稍后重试');
      await sleep(Math.floor((3 + Math.random() * 10) * 2 ** Math.min(attempt, 5)));
    }
  }
}
