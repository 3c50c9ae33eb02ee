/**
 * Signups and cancellations arriving at the same time. The test cloud queues calls of different
 * identities, so these tests call the function's `main` directly: the router reads OPENID from
 * process.env synchronously, before its first await, so setting WX_OPENID right before each call
 * gives every invocation its own identity while all of them run concurrently.
 */
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, members, seedOrgs, taskInput } from './task-fixtures';

jest.setTimeout(120_000);
let cloud: TestCloud;
let main: (event: unknown) => Promise<any>;
const T0 = Date.parse('2026-12-01T00:00:00Z');

function concurrently(openids: string[], action: string, data: unknown): Promise<any[]> {
  return Promise.all(openids.map((openid) => {
    process.env.WX_OPENID = openid;
    return main({ action, data });
  }));
}

beforeAll(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  jest.setSystemTime(new Date(T0));
  cloud = await startTestCloud();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  main = require('../../functions/task/index').main;
  process.env.WX_APPID = 'wx-local-appid';
});
afterAll(async () => {
  await cloud?.stop();
  jest.useRealTimers();
});

async function freshTask(slots: number, memberCount: number) {
  await cloud.wipe();
  await seedOrgs(cloud, memberCount);
  const saved = await cloud.call('task', 'saveTask', taskInput(T0, { slots }), ADMIN_A);
  await cloud.call('task', 'publish', { id: saved.data.task.id }, ADMIN_A);
  return saved.data.task.id as string;
}

async function signupDocs(taskId: string) {
  const res = await cloud.db.collection('signups').where({ taskId }).limit(1000).get();
  return res.data as Array<{ openid: string; status: string; seq: number }>;
}

it('never signs up more members than slots under concurrent signups', async () => {
  const taskId = await freshTask(5, 20);
  const results = await concurrently(members(20), 'signup', { taskId });
  expect(results.every((r) => r.ok)).toBe(true);
  expect(results.filter((r) => r.data.status === 'signed')).toHaveLength(5);
  const docs = await signupDocs(taskId);
  expect(docs.filter((d) => d.status === 'signed')).toHaveLength(5);
  expect(docs.filter((d) => d.status === 'waitlisted')).toHaveLength(15);
  expect(new Set(docs.map((d) => d.seq)).size).toBe(20); // every signup got its own place in line
  // the first five in line hold the places
  const bySeq = [...docs].sort((a, b) => a.seq - b.seq);
  expect(bySeq.slice(0, 5).every((d) => d.status === 'signed')).toBe(true);
  const task = (await cloud.db.collection('tasks').doc(taskId).get()).data;
  expect(task).toMatchObject({ signed: 5, waitlisted: 15 });
});

it('promotes each waitlisted member exactly once under concurrent cancellations', async () => {
  const taskId = await freshTask(4, 12);
  for (const m of members(12)) await cloud.call('task', 'signup', { taskId }, m); // m1..m4 signed, m5..m12 waitlisted
  const cancelling = ['m1', 'm2', 'm3', 'm5']; // three signed and one waitlisted leave at once
  const results = await concurrently(cancelling, 'cancelSignup', { taskId });
  expect(results.every((r) => r.ok)).toBe(true);
  expect(results.reduce((a, r) => a + r.data.promoted, 0)).toBe(3);

  const docs = await signupDocs(taskId);
  const status = Object.fromEntries(docs.map((d) => [d.openid, d.status]));
  expect(docs.filter((d) => d.status === 'signed').map((d) => d.openid).sort()).toEqual(['m4', 'm6', 'm7', 'm8']);
  expect(status.m5).toBe('cancelled');
  expect(docs.filter((d) => d.status === 'waitlisted')).toHaveLength(4);
  const task = (await cloud.db.collection('tasks').doc(taskId).get()).data;
  expect(task).toMatchObject({ signed: 4, waitlisted: 4 });
  // one promotion notice per promoted member, none for anyone else
  const inbox = (await cloud.db.collection('inbox').where({ kind: 'task' }).limit(100).get()).data as Array<{ openid: string; title: string }>;
  const promotedNotices = inbox.filter((m) => m.title.startsWith('候补成功')).map((m) => m.openid).sort();
  expect(promotedNotices).toEqual(['m6', 'm7', 'm8']);
});

it('credits each member once when the admin confirms twice at the same time', async () => {
  const taskId = await freshTask(6, 6);
  for (const m of members(6)) await cloud.call('task', 'signup', { taskId }, m);
  const task = (await cloud.db.collection('tasks').doc(taskId).get()).data;
  const end = new Date(task.endAt).getTime();
  jest.setSystemTime(new Date(end + 60_000));
  for (const m of members(4)) {
    await cloud.call('task', 'recordAttendance', { taskId, openid: m, signInAt: new Date(task.startAt).toISOString(), signOutAt: new Date(end).toISOString(), reason: '统一补录' }, ADMIN_A);
  }
  // same identity: the test cloud lets these two run concurrently
  const results = await Promise.all([0, 1, 2, 3].map(() => cloud.call('task', 'confirmAttendance', { taskId }, ADMIN_A)));
  expect(results.every((r) => r.ok)).toBe(true);
  // issue 11: one confirmation is audited once, however many calls raced to make it
  const audits = (await cloud.db.collection('auditLog').where({ subjectId: taskId, action: 'task.confirmAttendance' }).limit(10).get()).data;
  expect(audits).toHaveLength(1);
  const entries = (await cloud.db.collection('ledger').where({ sourceId: taskId }).limit(100).get()).data as Array<{ openid: string; cause: string; minutes: number; review?: string; held?: { minutes: number; maker: string } }>;
  expect(entries).toHaveLength(6);
  expect(new Set(entries.map((e) => e.openid)).size).toBe(6);
  // recorded by hand (补录): held for a second admin's 复核, with the minutes proposed
  expect(entries.filter((e) => e.cause === 'attendance').every((e) => e.review === 'held' && e.minutes === 0 && e.held?.minutes === 120 && e.held.maker === ADMIN_A)).toBe(true);
  expect((await cloud.db.collection('reviews').where({ status: 'awaiting' }).count()).total).toBe(4);
  expect(entries.filter((e) => e.cause === 'noshow')).toHaveLength(2);
  jest.setSystemTime(new Date(T0));
});

it('keeps the daily cap when two tasks of one member and day are confirmed at the same time', async () => {
  await cloud.wipe();
  await seedOrgs(cloud, 1);
  const deadline = new Date(T0 + 30 * 60_000).toISOString();
  // 2026-12-01 China time: 09:00–14:00 and 14:00–19:00, five hours each, cap 8 h
  const ids: string[] = [];
  for (const [startIn, title] of [[1, '小区环境清洁'], [6, '敬老院探访']] as const) {
    const saved = await cloud.call('task', 'saveTask', taskInput(T0, { slots: 1, title, signupDeadline: deadline }, startIn * 3_600_000, 5), ADMIN_A);
    expect(saved.ok).toBe(true);
    await cloud.call('task', 'publish', { id: saved.data.task.id }, ADMIN_A);
    ids.push(saved.data.task.id);
  }
  for (const taskId of ids) expect((await cloud.call('task', 'signup', { taskId }, 'm1')).ok).toBe(true);
  const tasks = await Promise.all(ids.map(async (id) => (await cloud.db.collection('tasks').doc(id).get()).data));
  jest.setSystemTime(new Date(Math.max(...tasks.map((t) => new Date(t.endAt).getTime())) + 60_000));
  for (const t of tasks) {
    const rec = await cloud.call('task', 'recordAttendance', { taskId: t._id, openid: 'm1', signInAt: new Date(t.startAt).toISOString(), signOutAt: new Date(t.endAt).toISOString(), reason: '集中补录' }, ADMIN_A);
    expect(rec.ok).toBe(true);
  }
  // same admin identity: the test cloud runs these two concurrently
  const results = await Promise.all(ids.map((taskId) => cloud.call('task', 'confirmAttendance', { taskId }, ADMIN_A)));
  expect(results.every((r) => r.ok)).toBe(true);
  const signups = (await cloud.db.collection('signups').where({ openid: 'm1' }).limit(10).get()).data as Array<{ minutes: number }>;
  expect(signups.map((s) => s.minutes).reduce((a, b) => a + b, 0)).toBe(480);
  const day = (await cloud.db.collection('serviceDays').where({ openid: 'm1' }).limit(10).get()).data as Array<{ minutes: number }>;
  expect(day).toHaveLength(1);
  expect(day[0].minutes).toBe(480);
  jest.setSystemTime(new Date(T0));
});
