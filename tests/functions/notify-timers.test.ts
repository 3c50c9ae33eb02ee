/**
 * Timed notices with an injected clock (the timer event's `Time`, no waiting): a reminder 2 h
 * before a task to its signed members, once — not again on later ticks nor after the function
 * restarts — and a nudge to the community's admins to confirm attendance when it has ended.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const MIN = 60_000;
const HOUR = 60 * MIN;
const START = Date.parse('2026-12-01T06:00:00Z'); // 14:00 China time
const timer = (ms: number) => cloud.invoke('notify', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date(ms).toISOString() });
const reminders = () => all(cloud, 'inbox').filter((m: any) => m._id.startsWith('task-reminder:t1:')).map((m: any) => m.openid).sort();
const nudges = () => all(cloud, 'inbox').filter((m: any) => m._id.startsWith('task-confirm:t1:')).map((m: any) => m.openid).sort();

beforeAll(async () => {
  await cloud.wipe();
  const add = (coll: string, data: object) => cloud.db.collection(coll).add({ data });
  await add('tasks', { _id: 't1', communityId: 'c1', title: '小区环境清洁', status: 'published', startAt: new Date(START), endAt: new Date(START + 2 * HOUR), place: { name: '3 号楼前' } });
  await add('tasks', { _id: 't2', communityId: 'c1', title: '已取消的任务', status: 'cancelled', startAt: new Date(START), endAt: new Date(START + 2 * HOUR) });
  for (const [openid, status] of [['m1', 'signed'], ['m2', 'signed'], ['m3', 'waitlisted'], ['m4', 'cancelled']]) {
    await add('signups', { _id: `t1:${openid}`, taskId: 't1', openid, status });
    await add('signups', { _id: `t2:${openid}`, taskId: 't2', openid, status });
  }
  await add('admins', { _id: 'community:c1:a1', openid: 'a1', role: 'community', scopeId: 'c1' });
  await add('admins', { _id: 'community:c2:a2', openid: 'a2', role: 'community', scopeId: 'c2' });
});

it('reminds signed members once, 2 hours before the start, and not after a restart', async () => {
  await timer(START - 2 * HOUR - MIN);
  expect(reminders()).toEqual([]);
  await timer(START - 2 * HOUR);
  expect(reminders()).toEqual(['m1', 'm2']);
  const [m1] = all(cloud, 'inbox', { _id: 'task-reminder:t1:m1' });
  expect(m1).toMatchObject({ kind: 'task', title: '任务提醒：小区环境清洁', link: '/pages/task-detail/index?id=t1' });
  expect(m1.body).toContain('2026-12-01 14:00');
  await timer(START - 2 * HOUR + MIN);
  await timer(START - HOUR);
  // the function instance restarts: nothing it kept in memory survives
  jest.resetModules();
  await timer(START - HOUR + MIN);
  expect(reminders()).toEqual(['m1', 'm2']);
  expect(all(cloud, 'outbox').filter((o: any) => o.key.startsWith('task-reminder:'))).toHaveLength(2);
});

it('a waitlisted member promoted before the start is reminded on the next tick', async () => {
  await cloud.db.collection('signups').doc('t1:m3').update({ data: { status: 'signed' } });
  await timer(START - 30 * MIN);
  expect(reminders()).toEqual(['m1', 'm2', 'm3']);
  await timer(START + MIN); // started: no more reminders
  expect(reminders()).toEqual(['m1', 'm2', 'm3']);
});

it('nudges the community admin to confirm attendance after the end, once', async () => {
  await timer(START + 2 * HOUR - MIN);
  expect(nudges()).toEqual([]);
  await timer(START + 2 * HOUR);
  expect(nudges()).toEqual(['a1']);
  expect(all(cloud, 'inbox', { _id: 'task-confirm:t1:a1' })[0]).toMatchObject({ title: '请确认考勤：小区环境清洁', link: '/admin-community/task-attendance/index?id=t1' });
  jest.resetModules();
  await timer(START + 3 * HOUR);
  expect(nudges()).toEqual(['a1']);
  // confirmed (finished) tasks are not nudged
  expect(all(cloud, 'inbox').filter((m: any) => m._id.includes(':t2:'))).toEqual([]);
});
