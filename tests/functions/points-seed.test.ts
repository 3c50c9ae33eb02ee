/** The demo points seed: plausible, consistent (reconcile finds nothing) and idempotent. */
import { BASE_STEPS } from '../../scripts/seed';
import { documents } from '../../scripts/seed/data';
import { step } from '../../scripts/seed/points';
import { step as gongshiStep } from '../../scripts/seed/gongshi';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

test('seeds credits for approved members, rankings are not empty, reseeding adds nothing', async () => {
  const now = new Date();
  const ctx = { db: cloud.db, now, data: documents(now), log: () => undefined };
  for (const s of BASE_STEPS) await s.run(ctx);
  const counts = await step.run(ctx);
  const approved = ctx.data.reports.filter((r) => r.status === 'approved');
  expect(counts).toMatchObject({ adjustments: 1, reversals: 1 });
  expect((counts as Record<string, number>).credits).toBeGreaterThanOrEqual(approved.length);
  // seeded history has been through its 公示: effective, so it ranks
  expect((await cloud.call('points', 'ranking', { scope: 'community' }, 'demo-member-1')).data.items[0].points).toBe(0);
  expect(await gongshiStep.run(ctx)).toMatchObject({ held: 1 });
  const entries = cloud.emulator.store.size('ledger');
  // the demo's 复核 queue: the street admin's +30 for 张伟 awaits the community admin, counted nowhere
  const queue = await cloud.call('gongshi', 'reviews', { communityId: 'comm-1' }, 'demo-community-1');
  expect(queue.data.items).toEqual([expect.objectContaining({ name: '张伟', amount: 30, kind: 'adjust', mine: false, status: 'awaiting' })]);

  const r = await cloud.call('points', 'ranking', { scope: 'community' }, 'demo-member-1');
  expect(r.ok).toBe(true);
  expect(r.data.items.length).toBeGreaterThan(3);
  expect(r.data.mine).not.toBeNull();
  expect(r.data.items[0].points).toBeGreaterThan(0);
  const h = await cloud.call('points', 'history', {}, 'demo-member-1');
  expect(h.data.items.some((e: { title: string }) => e.title.includes('社区疫苗接种宣传补录'))).toBe(true);
  expect(h.data.items.find((e: { review?: string }) => e.review === 'held')).toMatchObject({ amount: 0, heldAmount: 30, title: expect.stringContaining('手工录入 · 待复核') });

  expect(await cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'nightly', Time: now.toISOString() })).toMatchObject({ drifts: 0 });
  await step.run(ctx);
  await gongshiStep.run(ctx);
  expect(cloud.emulator.store.size('ledger')).toBe(entries);
}, 60_000);
