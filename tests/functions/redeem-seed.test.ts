/** The demo 积分商城: items on the shelf (one almost gone), 张伟's 可兑换分, one open code; reseeding adds nothing. */
import { BASE_STEPS } from '../../scripts/seed';
import { documents } from '../../scripts/seed/data';
import { step as points } from '../../scripts/seed/points';
import { step } from '../../scripts/seed/redeem';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

test('catalogue, spendable points and an open code for the demo member', async () => {
  const now = new Date();
  const ctx = { db: cloud.db, now, data: documents(now), log: () => undefined };
  for (const s of [...BASE_STEPS, points]) await s.run(ctx);
  const first = await step.run(ctx);
  expect(first).toMatchObject({ items: 5, openCodes: 1 });
  expect(first!.earned).toBeGreaterThan(0);
  const entries = cloud.emulator.store.size('ledger');

  const cat = await cloud.call('redeem', 'catalogue', {}, 'demo-member-1');
  expect(cat.data.items).toHaveLength(4); // the item taken off the shelf is not shown
  expect(cat.data.items.find((i: { title: string }) => i.title.startsWith('爱心超市洗衣液'))).toMatchObject({ stock: 1, block: null });
  const sum = await cloud.call('redeem', 'summary', {}, 'demo-member-1');
  expect(sum.data.spendable).toBeGreaterThanOrEqual(8);
  const open = await cloud.call('redeem', 'adminRedemptions', { communityId: 'comm-1', status: 'open' }, 'demo-community-1');
  expect(open.data.items).toHaveLength(1);

  expect(await step.run(ctx)).toMatchObject({ items: 0, earned: 0, openCodes: 1 });
  expect(cloud.emulator.store.size('ledger')).toBe(entries);
}, 90_000);
