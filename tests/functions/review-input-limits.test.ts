/**
 * Review: every string input has a length limit. Times in the task contract were bounded only by
 * `Date.parse` succeeding, so a 100 000-character "time" reached the handler.
 */
import { taskContract } from '../../core/contracts/task';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, seedOrgs, taskInput } from './task-fixtures';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  await seedOrgs(cloud);
});

/** Still a valid date for `Date.parse` (V8 skips a parenthesised comment), 100 000 characters long. */
const long = (iso: string) => `${new Date(iso).toUTCString()} (${'x'.repeat(100_000)})`;

it('a time with 100 000 characters is refused before the handler', () => {
  const input = taskInput(Date.now());
  expect(Number.isNaN(Date.parse(long(input.startAt)))).toBe(false);
  expect(taskContract.saveTask.input.safeParse(input).success).toBe(true);
  expect(taskContract.saveTask.input.safeParse({ ...input, startAt: long(input.startAt) }).success).toBe(false);
  const rec = { taskId: 't1', openid: 'm1', signInAt: input.startAt, signOutAt: input.endAt, reason: '补录' };
  expect(taskContract.recordAttendance.input.safeParse(rec).success).toBe(true);
  expect(taskContract.recordAttendance.input.safeParse({ ...rec, signOutAt: long(rec.signOutAt) }).success).toBe(false);
});

it('list pages are bounded: page ≤ 1000 (a skip of billions is refused), page size ≤ 50', async () => {
  for (const [fn, action, extra] of [['task', 'listTasks', {}], ['member', 'inbox', {}], ['points', 'history', {}], ['report', 'roster', { communityId: 'cA' }]] as const) {
    expect(await cloud.call(fn, action, { ...extra, page: 1e12 }, ADMIN_A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await cloud.call(fn, action, { ...extra, pageSize: 51 }, ADMIN_A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  }
  expect(await cloud.call('task', 'listTasks', { page: 1000 }, ADMIN_A)).toMatchObject({ ok: true });
});

it('saveTask answers VALIDATION_FAILED for it and writes nothing', async () => {
  const input = taskInput(Date.now());
  const r = await cloud.call('task', 'saveTask', { ...input, signupDeadline: long(input.signupDeadline) }, ADMIN_A);
  expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  expect((await cloud.db.collection('tasks').count()).total).toBe(0);
});
