/**
 * Database round trips per action, counted exactly by the emulator per invocation, on the fixed
 * world of scripts/bench/world.ts (the same one `npm run bench` measures). A count that goes up
 * fails here; one that goes down fails too, so the table below is updated and stays true.
 * BUDGET is what docs/ARCHITECTURE.md promises; actions still above it are listed in OVER.
 */
import { buildWorld, measureActions, put } from '../../scripts/bench/world';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { formatCode, stepAt } from '../../core/domain/signinCode';
import { macWith } from '../../functions/task/secret';
import { yearOf } from '../../core/domain/scoring';

jest.setTimeout(120_000);
let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud?.stop());

/** exact calls measured now */
const EXPECTED: Record<string, number> = {
  whoami: 3,
  'task list': 2,
  'task detail': 3,
  'task detail (not signed up)': 3,
  signup: 4,
  'sign-in': 2,
  'sign-in (again)': 3,
  'sign-out': 3,
  'confirm 2': 20,
  'confirm 6': 32,
  'confirm per member': 3,
  balance: 2,
  'balance (first view)': 4,
  'ranking p1': 3,
  'ranking p2': 3,
  'report approve': 5,
  'report follow-up (timer)': 11,
};

/** the budget (issue 10 / docs/ARCHITECTURE.md); ranking: 2 + 1 per page */
const BUDGET: Record<string, number> = {
  whoami: 3, 'task list': 2, 'task detail': 3, 'task detail (not signed up)': 3, signup: 4, 'sign-in': 3, 'sign-out': 3,
  'confirm per member': 3, balance: 2, 'ranking p1': 3, 'ranking p2': 3, 'report approve': 6,
};

test('round trips per action are exactly as recorded', async () => {
  const w = buildWorld(cloud);
  const m = await measureActions(cloud, w);
  const calls = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.calls]));
  for (const [k, v] of Object.entries(m)) if (k !== 'sign-in (again)') expect([k, v.ok, v.code]).toEqual([k, true, undefined]);
  expect(m['sign-in (again)'].code).toBe('ALREADY_SIGNED_IN');
  expect(calls).toEqual(EXPECTED);
  // which actions meet their budget now: this list only ever shrinks
  const over = Object.keys(BUDGET).filter((k) => calls[k] > BUDGET[k]).sort();
  expect(over).toEqual(OVER);
});

/** actions not yet within budget (see the h10 report) */
const OVER: string[] = [];

test('the task list answers an exact total from one query, and counts only past 100 open tasks', async () => {
  const w = buildWorld(cloud);
  const [a] = w.members;
  const list = async (page: number) => cloud.callWithStats('task', 'listTasks', { scope: 'community', page, pageSize: 20 }, a);
  const few = await list(1);
  expect([few.result.ok, few.result.data.total, few.stats.calls]).toEqual([true, 2, 2]);
  const start = new Date(w.now.getTime() + 48 * 3_600_000);
  put(cloud, 'tasks', Array.from({ length: 120 }, (_, i) => ({
    _id: `many${i}`, communityId: 'comm-1', communityName: '东湖社区', streetId: 'street-1', districtId: 'dist-1', title: `任务${i}`, description: 'x'.repeat(500),
    category: 'environment', startAt: new Date(start.getTime() + i * 60_000), endAt: new Date(start.getTime() + 2 * 3_600_000), signupDeadline: start,
    place: { name: '社区广场', lat: 30.25, lng: 120.15, radius: null }, slots: 5, ruleId: null, skills: [], audience: 'community', source: null,
    status: 'published', cancelReason: null, signed: 0, waitlisted: 0, nextSeq: 1, roster: {}, createdBy: 'x', createdAt: w.now, updatedAt: w.now, publishedAt: w.now, confirmedAt: null, confirmedBy: null,
  })));
  const first = await list(1); // more than 100 from the start: the total needs a count
  expect([first.result.data.total, first.result.data.items.length, first.stats.calls]).toEqual([122, 20, 3]);
  const last = await list(7); // 2 left from the 7th page's start
  expect([last.result.data.total, last.result.data.items.length, last.stats.calls]).toEqual([122, 2, 2]);
});

test('confirming 45 members runs 3 chunks, credits each once, and a repeat credits nothing', async () => {
  const w = buildWorld(cloud, new Date(), []);
  const end = new Date(w.now.getTime() - 3_600_000);
  const start = new Date(end.getTime() - 2 * 3_600_000);
  const taskId = 'bench-chunks';
  put(cloud, 'tasks', [{
    _id: taskId, communityId: 'comm-1', communityName: '东湖社区', streetId: 'street-1', districtId: 'dist-1', title: '大型活动', description: '',
    category: 'environment', startAt: start, endAt: end, signupDeadline: start, place: { name: '社区广场', lat: 30.25, lng: 120.15, radius: null },
    slots: 50, ruleId: null, skills: [], audience: 'community', source: null, status: 'published', cancelReason: null,
    signed: 45, waitlisted: 0, nextSeq: 46, createdBy: 'x', createdAt: w.now, updatedAt: w.now, publishedAt: w.now, confirmedAt: null, confirmedBy: null,
  }]);
  put(cloud, 'signups', Array.from({ length: 45 }, (_, i) => ({
    _id: `${taskId}:c${i}`, taskId, openid: `c${i}`, communityId: 'comm-1', name: `党员${i}`, phone: '', status: 'signed', seq: i + 1,
    // every fifth never came: a no-show
    signInAt: i % 5 === 0 ? null : start, signOutAt: i % 5 === 0 ? null : end, byAdmin: false, minutes: null, minutesByDay: {}, days: [],
    confirmed: false, confirmedAt: null, noshow: false, awarded: false, createdAt: w.now, updatedAt: w.now,
  })));
  // the community's rank counts exist (viewed today), the street's not (dropped by reconcile, not viewed since)
  const year = yearOf(end);
  put(cloud, 'rankCounts', [{ _id: `${year}:communityId:comm-1`, year, field: 'communityId', scopeId: 'comm-1', counts: { 7: 1 }, total: 1 }]);
  const first = await cloud.callWithStats('task', 'confirmAttendance', { taskId }, 'demo-community-1');
  expect(first.result).toMatchObject({ ok: true, data: { attended: 36, noshow: 9, totalMinutes: 36 * 120, alreadyConfirmed: false } });
  // per member 3 calls (balance read — it carries the day's minutes — balance and signup write), the chunk's entries in one insert
  expect(first.stats.calls).toBeLessThan(16 + 45 * 3 + 3 * 10);
  const again = await Promise.all([0, 1, 2].map(() => cloud.call('task', 'confirmAttendance', { taskId }, 'demo-community-1')));
  for (const r of again) expect(r).toMatchObject({ ok: true, data: { attended: 36, noshow: 9, alreadyConfirmed: true } });
  const entries = (await cloud.db.collection('ledger').where({ sourceId: taskId }).limit(100).get()).data as Array<{ openid: string; cause: string }>;
  expect(entries).toHaveLength(45);
  expect(new Set(entries.map((e) => e.openid)).size).toBe(45);
  expect(entries.filter((e) => e.cause === 'noshow')).toHaveLength(9);
  const task = (await cloud.db.collection('tasks').doc(taskId).get()).data as { status: string; settled: Record<string, unknown> };
  expect([task.status, Object.keys(task.settled).length]).toEqual(['finished', 45]);
  // the existing counts moved once per new balance, by its ranked value; no increment on the missing street document
  const balances = cloud.emulator.store.all('balances').filter((b) => b.year === year && /^c\d+$/.test(String(b.openid)));
  expect(balances).toHaveLength(45);
  const want: Record<string, number> = { 7: 1 };
  for (const b of balances) want[String(b.effective)] = (want[String(b.effective)] ?? 0) + 1;
  const counts = (await cloud.db.collection('rankCounts').where({ year }).get()).data as Array<{ _id: string; counts: Record<string, number>; total: number }>;
  expect(counts.map((c) => [c._id, c.counts, c.total])).toEqual([[`${year}:communityId:comm-1`, want, 46]]);
});

test('a task published before codeSecret signs in with its taskSecrets document (one more read)', async () => {
  const w = buildWorld(cloud);
  const secret = 'f'.repeat(64);
  const task = (await cloud.db.collection('tasks').doc(w.running).get()).data as Record<string, unknown>;
  const { _id: _ignored, codeSecret: _old, ...rest } = task;
  await cloud.db.collection('tasks').doc(w.running).set({ data: rest });
  put(cloud, 'taskSecrets', [{ _id: w.running, secret, createdAt: w.now }]);
  const step = stepAt(new Date());
  const code = formatCode(w.running, step, macWith(secret)(w.running, step));
  const res = await cloud.callWithStats('task', 'signIn', { code, taskId: w.running }, w.members[1]);
  expect([res.result.ok, res.stats.calls]).toEqual([true, 3]);
  expect((await cloud.call('task', 'signIn', { code: w.code(w.running), taskId: w.running }, w.members[2])).code).toBe('CODE_INVALID');
});
