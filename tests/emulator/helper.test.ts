import path from 'node:path';
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: path.join(__dirname, 'fixtures/functions') });
});
afterAll(() => cloud.stop());
afterEach(() => jest.useRealTimers());

test('call() runs main with the given identity', async () => {
  const r = await cloud.call('echo', 'whoami', {}, 'o-alice');
  expect(r).toEqual({ openid: 'o-alice', again: 'o-alice', appid: 'wx-local-appid' });
});

test('calls with different identities never leak identity across awaits', async () => {
  const who = Array.from({ length: 12 }, (_, i) => `o-${i % 3}`);
  const out = await Promise.all(who.map((o, i) => cloud.call('echo', 'whoami', { delay: (i * 7) % 5 }, o)));
  out.forEach((r, i) => expect(r).toMatchObject({ openid: who[i], again: who[i] }));
});

test('calls with the same identity run concurrently', async () => {
  const t0 = Date.now();
  await Promise.all(Array.from({ length: 20 }, () => cloud.call('echo', 'whoami', { delay: 100 }, 'o-same')));
  expect(Date.now() - t0).toBeLessThan(1000); // 20 × 100 ms would be 2 s if serialised
});

test('faked Date drives serverDate and the function clock', async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  jest.setSystemTime(new Date('2030-01-02T03:04:05Z'));
  const r = await cloud.call('echo', 'stamp', {}, 'o-time');
  expect(r.at).toEqual(new Date('2030-01-02T03:04:05Z'));
  expect(r.at).toBeInstanceOf(Date);
  expect(r.local.getTime()).toBe(new Date('2030-01-02T03:04:05Z').getTime());
});

test('callWithStats attributes database work to that invocation only', async () => {
  await cloud.wipe();
  await cloud.db.collection('inbox').add({ data: { openid: 'o-x', n: 1 } });
  const { result, stats } = await cloud.callWithStats('echo', 'scan', { openid: 'o-x' }, 'o-x');
  expect(result).toBe(1);
  expect(stats.calls).toBe(1);
  expect(stats.byAction['database.getDocument']).toBe(1);
});

test('wipe() empties collections but keeps them', async () => {
  await cloud.db.collection('inbox').add({ data: { openid: 'o-w' } });
  await cloud.wipe();
  const { total } = await cloud.db.collection('inbox').count();
  expect(total).toBe(0);
});

test('cloud.openapi is emulated by default (QR codes are recorded)', async () => {
  const before = cloud.openapi.qrcodes().length;
  const r = await cloud.sdk.openapi.wxacode.getUnlimited({ scene: 'r=abc', page: 'pages/index/index', checkPath: false });
  expect(Buffer.isBuffer(r.buffer)).toBe(true);
  expect(cloud.openapi.qrcodes().length).toBe(before + 1);
}, 20000); // the first open-API call loads the SDK's protobuf wire code

test('200 concurrent transactions on one document in one process all commit', async () => {
  await cloud.wipe();
  const db = cloud.db;
  await db.collection('tasks').add({ data: { _id: 'hot', n: 0 } });
  const results = await Promise.allSettled(
    Array.from({ length: 200 }, (_x, i) =>
      db.runTransaction(async (t: any) => {
        const { data } = await t.collection('tasks').doc('hot').get();
        await t.collection('signups').add({ data: { _id: `s${i}`, seq: data.n } });
        await t.collection('tasks').doc('hot').update({ data: { n: data.n + 1 } });
      }),
    ),
  );
  expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
  expect((await db.collection('tasks').doc('hot').get()).data.n).toBe(200);
  expect((await db.collection('signups').count()).total).toBe(200);
}, 60000);
