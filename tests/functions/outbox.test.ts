/**
 * The outbox producer API (functions/_lib/outbox.ts): a notice is written once per cause, however
 * many times or however concurrently its producer runs, inside or outside a transaction.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all } from './report.fixture';

let cloud: TestCloud;
let outbox: typeof import('../../functions/_lib/outbox');
beforeAll(async () => {
  cloud = await startTestCloud();
  outbox = await import('../../functions/_lib/outbox');
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.wipe());

const notice = (key: string, extra: object = {}) => ({ key, openid: 'm1', kind: 'task', title: '任务提醒', body: '两小时后开始', link: '/pages/task-detail/index?id=t1', ...extra });

it('the same cause enqueued 100 times at once → one outbox record and one inbox item', async () => {
  await Promise.all(Array.from({ length: 100 }, () => outbox.enqueue(notice('task-reminder:t1:m1'), { db: cloud.db })));
  expect(all(cloud, 'outbox')).toHaveLength(1);
  expect(all(cloud, 'inbox')).toHaveLength(1);
  expect(all(cloud, 'inbox')[0]).toMatchObject({ _id: 'task-reminder:t1:m1', openid: 'm1', read: false, title: '任务提醒' });
  expect(all(cloud, 'outbox')[0]).toMatchObject({ status: 'pending', push: null, attempts: 0 });
});

it('a digest notice waits for the digest and has no inbox item of its own', async () => {
  await outbox.enqueue(notice('report-pending:r1:a1', { openid: 'a1', digest: true }), { db: cloud.db });
  expect(all(cloud, 'outbox')[0]).toMatchObject({ status: 'digest' });
  expect(all(cloud, 'inbox')).toHaveLength(0);
});

it('inside a transaction: written with the change, once, and not at all when the change aborts', async () => {
  const run = () => cloud.db.runTransaction(async (tx: any) => {
    await outbox.enqueueInTx(tx, notice('wish-claimed:w1:m1'), new Date());
  });
  await run();
  await run();
  expect(all(cloud, 'outbox')).toHaveLength(1);
  expect(all(cloud, 'inbox')).toHaveLength(1);
  await expect(cloud.db.runTransaction(async (tx: any) => {
    await outbox.enqueueInTx(tx, notice('wish-claimed:w2:m1'), new Date());
    throw new Error('the caller changes its mind');
  })).rejects.toThrow();
  expect(all(cloud, 'outbox', { key: 'wish-claimed:w2:m1' })).toHaveLength(0);
  expect(all(cloud, 'inbox', { _id: 'wish-claimed:w2:m1' })).toHaveLength(0);
});

it('keys that are not safe ids are hashed, long texts are cut', async () => {
  await outbox.enqueue(notice('letter/ready 2026 Q4 · 张三', { title: 'x'.repeat(60) }), { db: cloud.db });
  const [o] = all(cloud, 'outbox');
  expect(o._id).toMatch(/^h:[0-9a-f]{40}$/);
  expect(o.title).toHaveLength(40);
});
