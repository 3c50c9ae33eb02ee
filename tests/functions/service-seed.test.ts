/** The demo 承诺 / 微心愿 seed: every state shows, points are consistent (reconcile), reseeding adds nothing. */
import { BASE_STEPS } from '../../scripts/seed';
import { documents } from '../../scripts/seed/data';
import { step as tasks } from '../../scripts/seed/tasks';
import { step } from '../../scripts/seed/service';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

test('pledges in every state, wishes on the wall, points through the ledger once', async () => {
  const now = new Date();
  const ctx = { db: cloud.db, now, data: documents(now), log: () => undefined };
  for (const s of [...BASE_STEPS, tasks]) await s.run(ctx);
  expect(await step.run(ctx)).toEqual({ pledges: 7, wishes: 6, wishClaims: 2 });
  const entries = cloud.emulator.store.size('ledger');

  const mine = await cloud.call('pledge', 'mine', {}, 'demo-member-1');
  expect(mine.data).toMatchObject({ used: 2, limit: 3, canPledge: true });
  expect(mine.data.items.map((p: { phase: string }) => p.phase)).toEqual(expect.arrayContaining(['in_progress']));
  const wall = await cloud.call('pledge', 'wall', {}, 'demo-member-16');
  expect(wall.data.items.map((p: { phase: string }) => p.phase)).toEqual(expect.arrayContaining(['fulfilled']));
  const queue = await cloud.call('pledge', 'adminList', { communityId: 'comm-1', tab: 'submitted' }, 'demo-community-1');
  expect(queue.data.total).toBe(2);

  const wishes = await cloud.call('wish', 'wall', {}, 'demo-member-1');
  expect(wishes.data.items[0]).toMatchObject({ status: 'open', communityId: 'comm-1' });
  expect(wishes.data.items.map((w: { status: string }) => w.status)).toEqual(expect.arrayContaining(['open', 'claimed', 'confirmed']));
  expect(JSON.stringify(wishes.data)).not.toMatch(/刘桂兰|13980001234/);
  const claims = await cloud.call('wish', 'mine', {}, 'demo-member-26');
  expect(claims.data.items[0]).toMatchObject({ status: 'confirmed', points: 5 });

  expect(await cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'nightly', Time: now.toISOString() })).toMatchObject({ drifts: 0 });
  await step.run(ctx);
  expect(cloud.emulator.store.size('ledger')).toBe(entries);
}, 90_000);
