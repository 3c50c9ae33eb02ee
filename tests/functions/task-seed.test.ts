/** The demo seed's tasks are real data: the task function reads them like any other. */
import { runSeed } from '../../scripts/seed';
import { HISTORY_MONTHS } from '../../scripts/seed/history';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

jest.setTimeout(120_000);
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  await runSeed(cloud.db, { now: new Date() });
});
afterAll(() => cloud?.stop());

it('seeds past, running and upcoming tasks for every community', async () => {
  for (const c of ['comm-1', 'comm-2', 'comm-3', 'comm-4']) {
    // the dashboards' eleven months of history (`seed-hist-…`, scripts/seed/history.ts) aside
    const phases = (await cloud.db.collection('tasks').where({ communityId: c }).get()).data.filter((t: { _id: string }) => t._id.startsWith('seed-task-')).map((t: { status: string }) => t.status);
    expect(phases.filter((s: string) => s === 'finished')).toHaveLength(2);
    expect(phases.filter((s: string) => s === 'published')).toHaveLength(3);
  }
  const list = await cloud.call('task', 'listTasks', { scope: 'community' }, 'demo-member-1');
  expect(list.ok).toBe(true);
  expect(list.data.items.map((t: { phase: string }) => t.phase)).toEqual(expect.arrayContaining(['in_progress', 'published']));
  const admin = await cloud.call('task', 'listAdminTasks', { communityId: 'comm-1' }, 'demo-community-1');
  expect(admin.data.total).toBe(6 + HISTORY_MONTHS); // five plus a draft, and one a month of history
});

it('gives seeded members a service history with hours and a confirmed attendance list', async () => {
  const hist = await cloud.call('task', 'history', {}, 'demo-member-1');
  expect(hist.data.total).toBeGreaterThan(0);
  expect(hist.data.totalMinutes).toBeGreaterThan(0);
  const att = await cloud.call('task', 'attendance', { taskId: 'seed-task-comm-1-1' }, 'demo-community-1');
  expect(att.data.task.phase).toBe('finished');
  expect(att.data.rows.every((r: { confirmed: boolean }) => r.confirmed)).toBe(true);
  const ledger = await cloud.db.collection('ledger').where({ sourceId: 'seed-task-comm-1-1' }).count();
  expect(ledger.total).toBe(att.data.rows.length);
  // the running task accepts a fresh code from the admin screen
  const code = await cloud.call('task', 'signinCode', { taskId: 'seed-task-comm-1-3' }, 'demo-community-1');
  expect(code.data.code).toMatch(/^SBD1\.seed-task-comm-1-3\.\d+\.[0-9a-f]{16}$/);
});
