/**
 * Exactly once under load: 200 concurrent identical award calls (as a retried / duplicated
 * approval would produce) → one entry, one credit. Two causes interleaved → two entries. And 50
 * distinct credits for one member racing on the same balance document all land.
 */
import { award } from '../../functions/_shared/ledger';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addMember, all, ledgerCtx, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { communityId: 'c1' });
});

const at = new Date('2026-06-01T02:00:00Z');

test('200 concurrent identical attendance credits → exactly one entry and a correct balance', async () => {
  const ctx = ledgerCtx(cloud);
  const input = { openid: 'm1', cause: 'attendance' as const, sourceId: 'task-1', communityId: 'c1', minutes: 120, at, actor: 'admin' };
  const results = await Promise.all(Array.from({ length: 200 }, () => award(ctx, input)));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  for (const r of results) expect(r).toMatchObject({ entryId: 'attendance:task-1:m1', amount: 9, minutes: 120 });
  expect(await all(cloud, 'ledger')).toHaveLength(1);
  const balances = await all<any>(cloud, 'balances');
  expect(balances).toHaveLength(1);
  expect(balances[0]).toMatchObject({ points: 9, minutes: 120, entries: 1 });
}, 60_000);

test('two causes, 100 identical calls each, interleaved → exactly two entries', async () => {
  const ctx = ledgerCtx(cloud);
  const report = { openid: 'm1', cause: 'report' as const, sourceId: 'report-1', communityId: 'c1', at, actor: 'admin' };
  const pledge = { openid: 'm1', cause: 'pledge' as const, sourceId: 'pledge-1', communityId: 'c1', at, actor: 'admin' };
  const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => award(ctx, i % 2 ? report : pledge)));
  expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
  expect((await all(cloud, 'ledger')).map((e: any) => e._id).sort()).toEqual(['pledge:pledge-1:m1', 'report:report-1:m1']);
  const [bal] = await all<any>(cloud, 'balances');
  expect(bal).toMatchObject({ points: 15, earned: 15, entries: 2 });
}, 60_000);

test('50 different credits racing on one balance all land, and the balance is their sum', async () => {
  const ctx = ledgerCtx(cloud);
  const days = (i: number) => new Date(Date.UTC(2026, 0, 1 + i, 2)); // one per day: no daily cap interplay
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => award(ctx, { openid: 'm1', cause: 'pledge', sourceId: `p${i}`, communityId: 'c1', at: days(i), actor: 'admin' })));
  expect(results.every((r) => r.created)).toBe(true);
  const entries = await all<any>(cloud, 'ledger');
  expect(entries).toHaveLength(50);
  const [bal] = await all<any>(cloud, 'balances');
  expect(bal.points).toBe(entries.reduce((s, e) => s + e.amount, 0));
  expect(bal).toMatchObject({ points: 250, entries: 50 });
}, 60_000);
