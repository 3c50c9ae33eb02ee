/**
 * The notify function delivers the outbox exactly once: inbox always; a subscribe message only
 * within a counted consent, not for a muted kind, not in quiet hours (it waits); transient
 * failures retried by the timer, final ones recorded. Time is the timer event's `Time`.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all } from './report.fixture';

let cloud: TestCloud;
let outbox: typeof import('../../functions/_lib/outbox');
let notify: typeof import('../../functions/notify/index');
/** makes the next N subscribeMessage.send calls fail with this errcode (before the emulated openapi) */
const faults: number[] = [];

beforeAll(async () => {
  process.env.SUBSCRIBE_TPL_TASK_CHANGE = 'tpl-task';
  process.env.SUBSCRIBE_TPL_TASK_REMINDER = 'tpl-remind';
  cloud = await startTestCloud();
  outbox = await import('../../functions/_lib/outbox');
  notify = await import('../../functions/notify/index');
});
afterAll(async () => {
  await cloud.stop();
  delete process.env.SUBSCRIBE_TPL_TASK_CHANGE;
  delete process.env.SUBSCRIBE_TPL_TASK_REMINDER;
});
beforeEach(async () => { await cloud.wipe(); faults.length = 0; });

/** 10:00 China time (02:00 UTC) on a weekday: outside quiet hours */
const DAY = Date.parse('2026-12-01T02:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(ms);
const timer = (ms: number) => cloud.invoke('notify', { Type: 'Timer', TriggerName: 'every-minute', Time: at(ms).toISOString() });

/** the openapi as the function sees it, with injectable failures in front of the emulation */
const openapi = () => ({
  subscribeMessage: {
    async send(p: object) {
      const code = faults.shift();
      if (code !== undefined) throw Object.assign(new Error(`errcode ${code}`), { errCode: code });
      return (cloud.sdk.openapi.subscribeMessage.send as (q: object) => Promise<unknown>)(p);
    },
  },
});

const change = (key: string, openid = 'm1', extra: object = {}) => ({
  key, openid, kind: 'task', title: '任务有变更：小区清洁', body: '时间地点有更新', link: '/pages/task-detail/index?id=t1',
  values: { task: '小区清洁', time: '2026-12-01 14:00', note: '时间地点有更新' }, ...extra,
});
const consent = async (openid: string, tpl: string, n = 1) => {
  cloud.openapi.subscribe(openid, Array(n).fill(tpl));
  for (let i = 0; i < n; i++) expect((await cloud.call('member', 'recordSubscribe', { accepted: [tpl] }, openid)).ok).toBe(true);
};
const pushes = (openid = 'm1') => cloud.openapi.outbox({ touser: openid });
const box = (key: string) => all(cloud, 'outbox', { key })[0];

it('100 concurrent enqueues of one cause, then the timer → one inbox item and one push', async () => {
  await consent('m1', 'tpl-task', 3);
  await Promise.all(Array.from({ length: 100 }, () => outbox.enqueue(change('task-change:t1:v2:m1'), { db: cloud.db, now: at(DAY) })));
  await Promise.all([timer(DAY), timer(DAY)]);
  await timer(DAY + 5 * MIN);
  expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(1);
  expect(pushes()).toHaveLength(1);
  expect(pushes()[0]).toMatchObject({ templateId: 'tpl-task', page: 'pages/task-detail/index?id=t1', data: { thing1: { value: '小区清洁' }, time2: { value: '2026-12-01 14:00' } } });
  expect(box('task-change:t1:v2:m1')).toMatchObject({ status: 'done', push: 'sent' });
  expect(all(cloud, 'subscriptions')[0].count).toBe(2);
});

it('a delivery that dies after the inbox write and before the push completes exactly once on a later tick', async () => {
  await consent('m1', 'tpl-task');
  await outbox.enqueue(change('task-change:t1:v3:m1'), { db: cloud.db, now: at(DAY) });
  // the enqueue's own inbox write is lost (the producer died right after the outbox record)
  await cloud.db.collection('inbox').doc('task-change:t1:v3:m1').remove();
  await expect(notify.tick(cloud.db, openapi(), at(DAY), { afterInbox: () => { throw new Error('instance killed'); } })).resolves.toMatchObject({ delivered: { error: 1 } });
  expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(1);
  expect(pushes()).toHaveLength(0);
  // the claim is a lease: a tick during it leaves the notice alone, the one after it delivers
  await timer(DAY + MIN);
  expect(pushes()).toHaveLength(0);
  await timer(DAY + 3 * MIN);
  await timer(DAY + 6 * MIN);
  expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(1);
  expect(pushes()).toHaveLength(1);
  expect(box('task-change:t1:v3:m1')).toMatchObject({ status: 'done', push: 'sent', attempts: 2 });
});

it('a drain that dies after using the consent never sends a second message', async () => {
  await consent('m1', 'tpl-task', 2);
  await outbox.enqueue(change('task-change:t1:v4:m1'), { db: cloud.db, now: at(DAY) });
  const dying = { subscribeMessage: { send: async () => { throw Object.assign(new Error('killed mid-call'), { kill: true }); } } };
  // simulate the death: mark as the drain would just before the call, then stop
  await cloud.db.collection('outbox').doc('task-change:t1:v4:m1').update({ data: { push: 'sending', dueAt: at(DAY) } });
  await notify.tick(cloud.db, dying, at(DAY + MIN));
  await timer(DAY + 10 * MIN);
  expect(pushes()).toHaveLength(0);
  expect(box('task-change:t1:v4:m1')).toMatchObject({ status: 'done', push: 'unknown' });
});

it('quiet hours: the inbox at once, the push waits until 08:00 China time, then goes once', async () => {
  await consent('m1', 'tpl-task');
  const night = Date.parse('2026-12-01T15:30:00Z'); // 23:30 China time
  await outbox.enqueue(change('task-change:t1:v5:m1'), { db: cloud.db, now: at(night) });
  await timer(night);
  expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(1);
  expect(pushes()).toHaveLength(0);
  expect(box('task-change:t1:v5:m1')).toMatchObject({ status: 'pending', dueAt: new Date('2026-12-02T00:00:00Z') });
  await timer(Date.parse('2026-12-01T23:59:00Z')); // 07:59
  expect(pushes()).toHaveLength(0);
  await timer(Date.parse('2026-12-02T00:00:00Z')); // 08:00
  await timer(Date.parse('2026-12-02T00:01:00Z'));
  expect(pushes()).toHaveLength(1);
  // an urgent notice does not wait
  await consent('m2', 'tpl-task');
  await outbox.enqueue(change('task-cancel:t1:m2', 'm2', { urgent: true }), { db: cloud.db, now: at(night) });
  await timer(night + MIN);
  expect(pushes('m2')).toHaveLength(1);
});

it('a muted kind reaches the inbox but never pushes', async () => {
  await consent('m1', 'tpl-task');
  expect((await cloud.call('member', 'setNoticePrefs', { muted: ['task'] }, 'm1')).ok).toBe(true);
  await outbox.enqueue(change('task-change:t1:v6:m1'), { db: cloud.db, now: at(DAY) });
  await timer(DAY);
  await timer(DAY + 10 * MIN);
  expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(1);
  expect(pushes()).toHaveLength(0);
  expect(box('task-change:t1:v6:m1')).toMatchObject({ status: 'done', push: 'muted' });
  expect(all(cloud, 'subscriptions')[0].count).toBe(1);
});

it('no consent → no push, the reason recorded; WeChat refusing (43101) is recorded too', async () => {
  await outbox.enqueue(change('task-change:t1:v7:m1'), { db: cloud.db, now: at(DAY) });
  await timer(DAY);
  expect(pushes()).toHaveLength(0);
  expect(box('task-change:t1:v7:m1')).toMatchObject({ status: 'done', push: 'skipped', reason: expect.stringContaining('no-consent') });
  // counted here but not held by WeChat (revoked in settings): 43101 from the emulated openapi
  await cloud.call('member', 'recordSubscribe', { accepted: ['tpl-task'] }, 'm1');
  await outbox.enqueue(change('task-change:t1:v8:m1'), { db: cloud.db, now: at(DAY) });
  await timer(DAY + MIN);
  expect(box('task-change:t1:v8:m1')).toMatchObject({ status: 'done', push: 'failed', reason: expect.stringContaining('43101') });
  expect(all(cloud, 'subscriptions')[0].count).toBe(0);
});

it('a transient failure is retried with backoff, the consent kept for it', async () => {
  await consent('m1', 'tpl-task');
  await outbox.enqueue(change('task-change:t1:v9:m1'), { db: cloud.db, now: at(DAY) });
  faults.push(-1, 45009);
  expect((await notify.tick(cloud.db, openapi(), at(DAY))).delivered).toEqual({ retry: 1 });
  expect(box('task-change:t1:v9:m1')).toMatchObject({ status: 'pending', push: null, reason: expect.stringContaining('-1'), dueAt: new Date(DAY + 30_000) });
  expect(all(cloud, 'subscriptions')[0].count).toBe(1);
  expect((await notify.tick(cloud.db, openapi(), at(DAY + 10_000))).delivered).toEqual({});
  expect((await notify.tick(cloud.db, openapi(), at(DAY + 30_000))).delivered).toEqual({ retry: 1 });
  expect(box('task-change:t1:v9:m1').dueAt).toEqual(new Date(DAY + 30_000 + 120_000));
  expect((await notify.tick(cloud.db, openapi(), at(DAY + 150_000))).delivered).toEqual({ sent: 1 });
  expect(pushes()).toHaveLength(1);
  expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(1);
});

it('the digest folds N waiting notices into one message at 09:00, once', async () => {
  const early = Date.parse('2026-12-01T00:30:00Z'); // 08:30 China time
  for (let i = 1; i <= 7; i++) {
    await outbox.enqueue({ key: `report-pending:r${i}:a1`, openid: 'a1', kind: 'report', title: `待审核报到：党员${i}`, body: '', link: '/admin-community/reports/index', digest: true }, { db: cloud.db, now: at(early) });
  }
  expect(all(cloud, 'inbox', { openid: 'a1' })).toHaveLength(0);
  await timer(early + 10 * MIN); // 08:40: not yet
  expect(all(cloud, 'inbox', { openid: 'a1' })).toHaveLength(0);
  await timer(Date.parse('2026-12-01T01:00:00Z')); // 09:00
  await timer(Date.parse('2026-12-01T01:01:00Z'));
  const items = all(cloud, 'inbox', { openid: 'a1' });
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ kind: 'digest', title: '今日待办：7 项等您处理', link: '/admin-community/reports/index' });
  expect(items[0].body.split('\n')).toHaveLength(7);
  expect(all(cloud, 'outbox', { status: 'digested' })).toHaveLength(7);
  // later the same day a new one waits for tomorrow's digest
  await outbox.enqueue({ key: 'report-pending:r8:a1', openid: 'a1', kind: 'report', title: '待审核报到：党员8', body: '', digest: true }, { db: cloud.db, now: at(Date.parse('2026-12-01T02:00:00Z')) });
  await timer(Date.parse('2026-12-01T03:00:00Z'));
  expect(all(cloud, 'inbox', { openid: 'a1' })).toHaveLength(1);
  await timer(Date.parse('2026-12-02T01:00:00Z'));
  expect(all(cloud, 'inbox', { openid: 'a1' })).toHaveLength(2);
});

it('a scheduled notice (公示 ends, letter ready): nothing before its time, inbox + push at it, once; a cancelled one never', async () => {
  process.env.SUBSCRIBE_TPL_PLEDGE = 'tpl-pledge';
  try {
    await consent('m1', 'tpl-pledge', 2);
    const ends = DAY + 3 * 86_400_000;
    const scheduled = { key: 'publicity-end:pb1:m1', openid: 'm1', kind: 'pledge', title: '公示结束', body: '您的积分公示已结束，积分已生效', link: '/pages/points/index', notBefore: at(ends) };
    await outbox.enqueue(scheduled, { db: cloud.db, now: at(DAY) });
    await outbox.enqueue(scheduled, { db: cloud.db, now: at(DAY + MIN) }); // a retried producer
    await outbox.enqueue({ ...scheduled, key: 'publicity-end:pb2:m1', body: '被撤回的公示' }, { db: cloud.db, now: at(DAY) });
    expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(0);
    await timer(ends - MIN);
    expect(all(cloud, 'inbox', { openid: 'm1' })).toHaveLength(0);
    expect(pushes()).toHaveLength(0);
    // the second 公示 is withdrawn before its end
    expect(await outbox.cancel('publicity-end:pb2:m1', { db: cloud.db, now: at(DAY + MIN) })).toBe(true);
    await timer(ends);
    await timer(ends + MIN);
    jest.resetModules(); // a restarted instance
    const again = await import('../../functions/notify/index');
    await again.tick(cloud.db, openapi(), at(ends + 2 * MIN));
    const inbox = all(cloud, 'inbox', { openid: 'm1' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ _id: 'publicity-end:pb1:m1', title: '公示结束', createdAt: at(ends) });
    expect(pushes()).toHaveLength(1);
    expect(pushes()[0]).toMatchObject({ templateId: 'tpl-pledge', data: { thing1: { value: '公示结束' } } });
    expect(box('publicity-end:pb2:m1')).toMatchObject({ status: 'cancelled' });
    // a delivered notice cannot be withdrawn any more
    expect(await outbox.cancel('publicity-end:pb1:m1', { db: cloud.db, now: at(ends + 3 * MIN) })).toBe(false);
  } finally {
    delete process.env.SUBSCRIBE_TPL_PLEDGE;
  }
});
