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
  // the day's confirmed minutes live on the member's balance, which both confirmations locked in turn
  const balances = (await cloud.db.collection('balances').where({ openid: 'm1' }).limit(10).get()).data as Array<{ dayMinutes?: Record<string, number> }>;
  expect(balances.map((b) => b.dayMinutes)).toEqual([{ '2026-12-01': 480 }]);
  jest.setSystemTime(new Date(T0));
});

/** The roster on the task (functions/task/roster.ts) agrees with the signup documents and the counters. */
async function expectRosterMatchesDocs(taskId: string) {
  const task = (await cloud.db.collection('tasks').doc(taskId).get()).data as { roster: Record<string, { status: string; seq: number }>; signed: number; waitlisted: number };
  const active = (await signupDocs(taskId)).filter((d) => d.status !== 'cancelled');
  expect(Object.fromEntries(Object.entries(task.roster).map(([k, v]) => [k, [v.status, v.seq]])))
    .toEqual(Object.fromEntries(active.map((d) => [d.openid, [d.status, d.seq]])));
  expect([task.signed, task.waitlisted]).toEqual([active.filter((d) => d.status === 'signed').length, active.filter((d) => d.status === 'waitlisted').length]);
  return task;
}

it('30 concurrent signups on 5 slots: 5 signed in line order, 25 waiting, the roster equal to the documents', async () => {
  const taskId = await freshTask(5, 30);
  const results = await concurrently(members(30), 'signup', { taskId });
  expect(results.map((r) => r.code).filter(Boolean)).toEqual([]);
  expect(results.filter((r) => r.data.status === 'signed')).toHaveLength(5);
  // each waiting member was told a distinct place, 1..25
  expect(results.filter((r) => r.data.status === 'waitlisted').map((r) => r.data.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  const bySeq = (await signupDocs(taskId)).sort((a, b) => a.seq - b.seq);
  expect(new Set(bySeq.map((d) => d.seq)).size).toBe(30);
  expect(bySeq.map((d) => d.status)).toEqual([...Array(5).fill('signed'), ...Array(25).fill('waitlisted')]);
  await expectRosterMatchesDocs(taskId);
});

it('a member racing themself signs up once: the others get ALREADY_SIGNED_UP, a retry with the same requestId the same answer', async () => {
  const taskId = await freshTask(1, 3);
  const plain = await concurrently(['m1', 'm1', 'm1', 'm1'], 'signup', { taskId });
  expect(plain.filter((r) => r.ok)).toHaveLength(1);
  expect(plain.filter((r) => !r.ok).map((r) => r.code)).toEqual(['ALREADY_SIGNED_UP', 'ALREADY_SIGNED_UP', 'ALREADY_SIGNED_UP']);
  const retried = await concurrently(['m2', 'm2', 'm2'], 'signup', { taskId, requestId: 'req-m2-once' });
  expect(retried.map((r) => [r.ok, r.data?.status, r.data?.position])).toEqual([[true, 'waitlisted', 1], [true, 'waitlisted', 1], [true, 'waitlisted', 1]]);
  const other = await cloud.call('task', 'signup', { taskId, requestId: 'req-m2-other' }, 'm2');
  expect(other.code).toBe('ALREADY_SIGNED_UP');
  expect((await signupDocs(taskId)).map((d) => [d.openid, d.status]).sort()).toEqual([['m1', 'signed'], ['m2', 'waitlisted']]);
  await expectRosterMatchesDocs(taskId);
});

/** The next commit touching `signups` fails, as if the process died after the task's conditional write. */
function crashBeforeSignupWrite() {
  const store = cloud.emulator.store;
  const commit = store.commit.bind(store);
  store.commit = (changes) => {
    if (changes.some((c) => c.c === 'signups')) {
      store.commit = commit;
      throw new Error('simulated crash between the two writes');
    }
    return commit(changes);
  };
}

it('a signup that dies between its two writes is finished by its retry, by the detail view, by the attendance list, by cancel and by sign-in', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined); // the simulated crash is logged as an internal error
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const taskId = await freshTask(4, 5);
  const doc = async (m: string) => (await cloud.db.collection('signups').where({ _id: `${taskId}:${m}` }).get()).data[0];
  // the retry with the same requestId answers as the first call would have, and writes the document
  crashBeforeSignupWrite();
  const died = await cloud.call('task', 'signup', { taskId, requestId: 'req-m1-first' }, 'm1');
  expect(died.ok).toBe(false);
  expect(await doc('m1')).toBeUndefined();
  const retry = await cloud.call('task', 'signup', { taskId, requestId: 'req-m1-first' }, 'm1');
  expect(retry).toMatchObject({ ok: true, data: { status: 'signed', position: null } });
  expect(await doc('m1')).toMatchObject({ status: 'signed', seq: 1, name: '党员m1' });
  // the detail view finds the roster entry without its document and writes it
  crashBeforeSignupWrite();
  expect((await cloud.call('task', 'signup', { taskId }, 'm2')).ok).toBe(false);
  const detail = await cloud.call('task', 'getTask', { id: taskId }, 'm2');
  expect(detail.data.task.mine).toMatchObject({ status: 'signed' });
  expect(detail.data.task.can).toMatchObject({ signup: false, cancelSignup: true });
  expect(await doc('m2')).toMatchObject({ status: 'signed', seq: 2 });
  // the admin's attendance list shows (and writes) a member whose document is missing
  crashBeforeSignupWrite();
  expect((await cloud.call('task', 'signup', { taskId }, 'm3')).ok).toBe(false);
  const list = await cloud.call('task', 'attendance', { taskId }, ADMIN_A);
  expect(list.data.rows.map((r: { openid: string }) => r.openid)).toEqual(['m1', 'm2', 'm3']);
  expect(await doc('m3')).toMatchObject({ status: 'signed', seq: 3, name: '党员m3' });
  await expectRosterMatchesDocs(taskId);
  // a crashed signup that is cancelled next: the roster entry goes, the document says cancelled, the counts follow
  crashBeforeSignupWrite();
  expect((await cloud.call('task', 'signup', { taskId }, 'm5')).ok).toBe(false);
  expect(await cloud.call('task', 'cancelSignup', { taskId }, 'm5')).toMatchObject({ ok: true, data: { status: 'cancelled' } });
  expect(await doc('m5')).toMatchObject({ status: 'cancelled' });
  expect(await expectRosterMatchesDocs(taskId)).toMatchObject({ signed: 3, waitlisted: 0 });
  // a crashed signup whose member goes straight to sign in: the document is written, then signed in
  crashBeforeSignupWrite();
  expect((await cloud.call('task', 'signup', { taskId }, 'm4')).ok).toBe(false);
  const task = (await cloud.db.collection('tasks').doc(taskId).get()).data as { startAt: string };
  jest.setSystemTime(new Date(new Date(task.startAt).getTime() - 10 * 60_000));
  const { code } = (await cloud.call('task', 'signinCode', { taskId }, ADMIN_A)).data;
  expect(await cloud.call('task', 'signIn', { code, taskId }, 'm4')).toMatchObject({ ok: true });
  expect(await doc('m4')).toMatchObject({ status: 'signed', name: '党员m4' });
  expect((await doc('m4')).signInAt).toBeTruthy();
  jest.setSystemTime(new Date(T0));
  expect(await expectRosterMatchesDocs(taskId)).toMatchObject({ signed: 4, waitlisted: 0 });
  jest.restoreAllMocks();
});

it('a task from before rosters: list and detail read the signups, the next signup derives the roster once', async () => {
  const taskId = await freshTask(2, 4);
  for (const m of members(3)) expect((await cloud.call('task', 'signup', { taskId }, m)).ok).toBe(true);
  await cloud.db.collection('tasks').doc(taskId).update({ data: { roster: cloud.db.command.remove() } });
  const list = await cloud.call('task', 'listTasks', { scope: 'community', page: 1, pageSize: 20 }, 'm3');
  expect(list.data.items.find((t: { id: string }) => t.id === taskId).mine).toMatchObject({ status: 'waitlisted' });
  expect((await cloud.call('task', 'getTask', { id: taskId }, 'm3')).data.task.mine).toMatchObject({ status: 'waitlisted', position: 1 });
  expect(await cloud.call('task', 'signup', { taskId }, 'm4')).toMatchObject({ ok: true, data: { status: 'waitlisted', position: 2 } });
  const task = await expectRosterMatchesDocs(taskId);
  expect(Object.keys(task.roster).sort()).toEqual(['m1', 'm2', 'm3', 'm4']);
  // and the roster now serves: m1 leaves, m3 (first in line) moves up
  expect(await cloud.call('task', 'cancelSignup', { taskId }, 'm1')).toMatchObject({ ok: true, data: { promoted: 1 } });
  expect((await expectRosterMatchesDocs(taskId)).roster.m3).toMatchObject({ status: 'signed' });
});

it('the overlap warning comes from the rosters of the member\'s other upcoming tasks', async () => {
  const a = await freshTask(5, 2);
  const saved = await cloud.call('task', 'saveTask', taskInput(T0, { slots: 5, title: '同时段的敬老院探访' }, 3 * 3_600_000), ADMIN_A);
  await cloud.call('task', 'publish', { id: saved.data.task.id }, ADMIN_A);
  const later = await cloud.call('task', 'saveTask', taskInput(T0, { slots: 5, title: '次日活动' }, 30 * 3_600_000), ADMIN_A);
  await cloud.call('task', 'publish', { id: later.data.task.id }, ADMIN_A);
  expect(await cloud.call('task', 'signup', { taskId: a }, 'm1')).toMatchObject({ ok: true, data: { overlap: false } });
  expect(await cloud.call('task', 'signup', { taskId: later.data.task.id }, 'm1')).toMatchObject({ ok: true, data: { overlap: false } });
  expect(await cloud.call('task', 'signup', { taskId: saved.data.task.id }, 'm1')).toMatchObject({ ok: true, data: { overlap: true, overlapTitles: ['小区环境清洁'] } });
  // another member's signups do not count
  expect(await cloud.call('task', 'signup', { taskId: saved.data.task.id }, 'm2')).toMatchObject({ ok: true, data: { overlap: false } });
});
