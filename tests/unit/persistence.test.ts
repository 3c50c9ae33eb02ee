/** The one persistence layer (functions/_lib/tx.ts, core/db/records.ts) without a database: a fake runTransaction. */
import { AppError } from '../../core/contracts/errors';
import { parseRecord } from '../../core/db/records';
import { iso, toDate } from '../../core/domain/dates';
import { maskPhone } from '../../core/domain/mask';
import { transact, txGet, type Tx } from '../../functions/_lib/tx';

const conflict = () => Object.assign(new Error('DATABASE_TRANSACTION_CONFLICT'), { code: 'DATABASE_TRANSACTION_CONFLICT' });

function fakeDb(conflicts: number, docs: Record<string, object> = {}) {
  let calls = 0;
  const tx: Tx = {
    collection: (c: string) => ({
      doc: (id: string) => ({
        get: async () => {
          const d = docs[`${c}/${id}`];
          if (!d) throw new Error(`document with _id ${id} does not exist`);
          return { data: d };
        },
        set: async () => ({}),
        update: async () => ({}),
        remove: async () => ({}),
      }),
      add: async () => ({}),
    }),
  };
  const db = { runTransaction: async (body: (t: unknown) => Promise<unknown>) => { calls++; if (calls <= conflicts) throw conflict(); return body(tx); } };
  return { db: db as never, calls: () => calls };
}

beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));
afterEach(() => jest.restoreAllMocks());

test('transact retries conflicts with backoff and answers the body', async () => {
  const f = fakeDb(3);
  await expect(transact(f.db, async () => 42)).resolves.toBe(42);
  expect(f.calls()).toBe(4);
});

test('a lasting conflict becomes the one CONFLICT error, with the caller’s message', async () => {
  const f = fakeDb(100);
  const err = await transact(f.db, async () => 1, { conflictMessage: '积分正在被同时修改，请稍后重试' }).catch((e) => e);
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ code: 'CONFLICT', message: '积分正在被同时修改，请稍后重试' });
  expect(f.calls()).toBe(8);
}, 20_000);

test('our own AppErrors pass through without a retry', async () => {
  const f = fakeDb(0);
  await expect(transact(f.db, async () => { throw new AppError('TASK_FULL', '满了'); })).rejects.toMatchObject({ code: 'TASK_FULL' });
  expect(f.calls()).toBe(1);
});

test('settled answers instead of retrying when the write was made meanwhile', async () => {
  const f = fakeDb(1);
  await expect(transact(f.db, async () => 'mine', { settled: async () => 'theirs' })).resolves.toBe('theirs');
  expect(f.calls()).toBe(1);
});

test('txGet parses the record (dates, defaults) and answers null for a missing document', async () => {
  const f = fakeDb(0, { 'signups/t1:m1': { taskId: 't1', openid: 'm1', status: 'signed', signInAt: '2026-11-29T01:00:00.000Z' } });
  const got = await transact(f.db, async (tx) => [await txGet(tx, 'signups', 't1:m1'), await txGet(tx, 'signups', 'nope')]);
  expect(got[0]).toMatchObject({ _id: 't1:m1', signInAt: new Date('2026-11-29T01:00:00.000Z'), signOutAt: null, confirmed: false, minutesByDay: {} });
  expect(got[1]).toBeNull();
});

test('a document that does not fit its schema fails loudly, naming it', () => {
  expect(() => parseRecord('tasks', { _id: 't9', title: 'x' })).toThrow(/tasks\/t9/);
  // unknown fields are kept, so read-modify-set never drops another feature's field
  expect(parseRecord('balances', { _id: '2026:a', openid: 'a', year: 2026, extra: 1 })).toMatchObject({ points: 0, days: {}, extra: 1 });
});

test('one toDate / iso, and one maskPhone that never shows an odd phone in full', () => {
  expect(toDate({ $date: 0 })?.getTime()).toBe(0);
  expect(toDate('nonsense')).toBeNull();
  expect(iso(null)).toBeNull();
  expect(maskPhone('13812341234')).toBe('138****1234');
  expect(maskPhone('0571-8888')).toBe('*****8888');
});
