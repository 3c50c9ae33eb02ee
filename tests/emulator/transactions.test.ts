/**
 * Transactions through the real SDK: commit, rollback, own-write visibility, lock-based
 * serialisation (no lost update), deadlock → DATABASE_TRANSACTION_CONFLICT → runTransaction retry,
 * and the platform's "single-document operations only" rule.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let db: any;
let _: any;

beforeAll(async () => {
  cloud = await startTestCloud({ lockWaitMs: 1000 });
  db = cloud.db;
  _ = db.command;
});
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  await db.collection('balances').add({ data: { _id: 'a', points: 0 } });
  await db.collection('balances').add({ data: { _id: 'b', points: 0 } });
});

const bal = (id: string) => db.collection('balances').doc(id);
const points = async (id: string) => (await bal(id).get()).data.points;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('runTransaction commits every write at once', async () => {
  const out = await db.runTransaction(async (t: any) => {
    await t.collection('balances').doc('a').update({ data: { points: _.inc(5) } });
    await t.collection('balances').doc('b').update({ data: { points: _.inc(-5) } });
    await t.collection('ledger').add({ data: { _id: 'L1', amount: 5 } });
    return 'done';
  });
  expect(out).toBe('done');
  expect(await points('a')).toBe(5);
  expect(await points('b')).toBe(-5);
  expect((await db.collection('ledger').doc('L1').get()).data.amount).toBe(5);
});

test('writes are invisible outside until commit', async () => {
  const t = await db.startTransaction();
  await t.collection('balances').doc('a').update({ data: { points: 7 } });
  expect(await points('a')).toBe(0);
  await t.commit();
  expect(await points('a')).toBe(7);
});

test('reads inside a transaction see its own writes', async () => {
  const seen = await db.runTransaction(async (t: any) => {
    await t.collection('balances').doc('a').update({ data: { points: 3 } });
    await t.collection('ledger').add({ data: { _id: 'L2', amount: 3 } });
    const a = await t.collection('balances').doc('a').get();
    const l = await t.collection('ledger').doc('L2').get();
    return [a.data.points, l.data.amount];
  });
  expect(seen).toEqual([3, 3]);
});

test('a throwing callback rolls everything back', async () => {
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('balances').doc('a').update({ data: { points: 100 } });
      await t.collection('ledger').add({ data: { _id: 'L3' } });
      throw new Error('boom');
    }),
  ).rejects.toThrow('boom');
  expect(await points('a')).toBe(0);
  expect((await db.collection('ledger').count()).total).toBe(0);
});

test('rollback(reason) aborts and runTransaction rejects with the reason', async () => {
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('balances').doc('a').update({ data: { points: 100 } });
      await t.rollback('NOT_ENOUGH');
    }),
  ).rejects.toBe('NOT_ENOUGH');
  expect(await points('a')).toBe(0);
});

test('startTransaction + rollback discards', async () => {
  const t = await db.startTransaction();
  await t.collection('balances').doc('b').remove();
  await t.rollback();
  expect(await points('b')).toBe(0);
});

test('get of a missing document inside a transaction throws "does not exist"', async () => {
  await expect(db.runTransaction(async (t: any) => t.collection('balances').doc('zz').get())).rejects.toMatchObject({ errMsg: expect.stringMatching(/does not exist/) });
});

test('add of an existing _id inside a transaction fails and writes nothing', async () => {
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('balances').doc('b').update({ data: { points: 1 } });
      await t.collection('balances').add({ data: { _id: 'a', points: 9 } });
    }),
  ).rejects.toMatchObject({ errCode: -501001 });
  expect(await points('a')).toBe(0);
  expect(await points('b')).toBe(0);
});

test('20 concurrent read-modify-write transactions lose no update', async () => {
  await Promise.all(
    Array.from({ length: 20 }, () =>
      db.runTransaction(async (t: any) => {
        const { data } = await t.collection('balances').doc('a').get();
        await sleep(2);
        await t.collection('balances').doc('a').update({ data: { points: data.points + 1 } });
      }),
    ),
  );
  expect(await points('a')).toBe(20);
});

test('a deadlock dooms one transaction; its commit conflicts and runTransaction retries it', async () => {
  let attempts = 0;
  const transfer = (from: string, to: string) =>
    db.runTransaction(async (t: any) => {
      attempts++;
      const x = await t.collection('balances').doc(from).get();
      await sleep(30);
      const y = await t.collection('balances').doc(to).get();
      await t.collection('balances').doc(from).update({ data: { points: x.data.points - 1 } });
      await t.collection('balances').doc(to).update({ data: { points: y.data.points + 1 } });
    });
  const before = cloud.emulator.database.txns.conflicts;
  await Promise.all([transfer('a', 'b'), transfer('b', 'a')]);
  expect(cloud.emulator.database.txns.conflicts).toBe(before + 1);
  expect(attempts).toBe(3);
  expect(await points('a')).toBe(0);
  expect(await points('b')).toBe(0);
});

test('a commit conflict surfaces the code runTransaction retries on', async () => {
  // drive the wire directly: doom a transaction by deadlock, then commit it by hand
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1.collection('balances').doc('a').get();
  await t2.collection('balances').doc('b').get();
  const waiting = t1.collection('balances').doc('b').get(); // waits for t2
  await sleep(20);
  await t2.collection('balances').doc('a').get(); // cycle → t2 doomed, t1 proceeds
  await waiting;
  await t1.commit();
  await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
});

test('a write outside any transaction waits for the lock and loses nothing', async () => {
  const t = await db.startTransaction();
  const { data } = await t.collection('balances').doc('a').get();
  const outside = bal('a').update({ data: { points: _.inc(10) } });
  await sleep(30);
  await t.collection('balances').doc('a').update({ data: { points: data.points + 1 } });
  await t.commit();
  await outside;
  expect(await points('a')).toBe(11);
});

test('a where() batch write outside waits for the transaction and loses nothing', async () => {
  const t = await db.startTransaction();
  const { data } = await t.collection('balances').doc('a').get();
  const outside = db.collection('balances').where({ _id: _.in(['a', 'b']) }).update({ data: { points: _.inc(10) } });
  await sleep(30);
  await t.collection('balances').doc('a').update({ data: { points: data.points + 1 } });
  await t.commit();
  expect((await outside).stats.updated).toBe(2);
  expect(await points('a')).toBe(11);
  expect(await points('b')).toBe(10);
});

test('where() queries are refused inside a transaction', async () => {
  await expect(db.runTransaction(async (t: any) => t.collection('balances').where({ points: 0 }).get())).rejects.toMatchObject({
    errMsg: expect.stringMatching(/only single-document operations/),
  });
});

test('where() batch writes are refused inside a transaction', async () => {
  await expect(
    db.runTransaction(async (t: any) => {
      await t.collection('balances').doc('a').get();
      await t.collection('balances').where({ points: 0 }).update({ data: { points: 1 } });
    }),
  ).rejects.toMatchObject({ errMsg: expect.stringMatching(/only single-document operations/) });
  expect(await points('a')).toBe(0);
}, 10000);

test('commit of an unknown transaction fails', async () => {
  const t = await db.startTransaction();
  await t.commit();
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_NOT_EXIST' });
});

test('an abandoned transaction is aborted after its idle time and frees its locks', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { startEmulator } = await import('../../emulator/server');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-idle-'));
  const em = await startEmulator({ dataDir, fsync: false, txnIdleMs: 150, lockWaitMs: 3000 });
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(em.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json() as Promise<any>;
  };
  try {
    await post({ action: 'database.insertDocument', collectionName: 'tasks', data: ['{"_id":"t","n":1}'] });
    const { transactionId } = await post({ action: 'database.startTransaction' });
    await post({ action: 'database.getDocument', collectionName: 'tasks', queryType: 'DOC', query: '{"_id":"t"}', transactionId });
    // the invocation "dies" here; an outside write waits at most the idle time, not the lock wait
    const t0 = Date.now();
    const w = await post({ action: 'database.modifyDocument', collectionName: 'tasks', queryType: 'DOC', query: '{"_id":"t"}', data: '{"$set":{"n":2}}', merge: true });
    expect(w.data.updated).toBe(1);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await post({ action: 'database.commitTransaction', transactionId })).toMatchObject({ code: 'DATABASE_TRANSACTION_NOT_EXIST' });
  } finally {
    await em.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
