/**
 * The unhappy path of exactly-once: an emulator that dooms any transaction that waits for a lock
 * more than 1 ms, so most transactions end in DATABASE_TRANSACTION_CONFLICT, the SDK's 3 retries
 * run out and the ledger's own re-check / backoff takes over. Identical calls still credit once;
 * distinct calls either land or fail with CONFLICT, and nothing is ever half-written.
 */
import { AppError } from '../../core/contracts/errors';
import { award } from '../../functions/_shared/ledger';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addMember, all, ledgerCtx, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud({ lockWaitMs: 1 }); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { communityId: 'c1' });
});

test('100 identical calls under constant conflicts: one entry, every caller gets it', async () => {
  const ctx = ledgerCtx(cloud);
  const input = { openid: 'm1', cause: 'attendance' as const, sourceId: 't-conflict', communityId: 'c1', minutes: 60, at: new Date('2026-06-01T02:00:00Z'), actor: 'admin' };
  const results = await Promise.all(Array.from({ length: 100 }, () => award(ctx, input)));
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(new Set(results.map((r) => `${r.entryId}/${r.amount}`))).toEqual(new Set(['attendance:t-conflict:m1/7']));
  expect(await all(cloud, 'ledger')).toHaveLength(1);
  expect((await all<any>(cloud, 'balances'))[0]).toMatchObject({ points: 7, minutes: 60, entries: 1 });
}, 60_000);

test('40 distinct credits on one balance under constant conflicts: each lands or says CONFLICT, totals stay exact', async () => {
  const ctx = ledgerCtx(cloud);
  const settled = await Promise.allSettled(Array.from({ length: 40 }, (_, i) =>
    award(ctx, { openid: 'm1', cause: 'pledge', sourceId: `p${i}`, communityId: 'c1', at: new Date(Date.UTC(2026, 0, 1 + i, 2)), actor: 'admin' })));
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  for (const f of failed) expect(f.reason).toEqual(expect.objectContaining({ code: 'CONFLICT' }));
  for (const f of failed) expect(f.reason).toBeInstanceOf(AppError);
  const entries = await all<any>(cloud, 'ledger');
  expect(entries).toHaveLength(40 - failed.length);
  expect(entries.length).toBeGreaterThan(0);
  if (process.env.SHOW_STATS) console.log(`landed ${entries.length}, CONFLICT ${failed.length}, emulator conflicts ${JSON.stringify(cloud.stats())}`);
  const [bal] = await all<any>(cloud, 'balances');
  expect(bal).toMatchObject({ points: entries.reduce((s, e) => s + e.amount, 0), entries: entries.length });
  // a retry of the failed ones lands them, once
  for (let i = 0; i < 40; i++) await award(ctx, { openid: 'm1', cause: 'pledge', sourceId: `p${i}`, communityId: 'c1', at: new Date(Date.UTC(2026, 0, 1 + i, 2)), actor: 'admin' });
  expect(await all(cloud, 'ledger')).toHaveLength(40);
  expect((await all<any>(cloud, 'balances'))[0]).toMatchObject({ points: 200, entries: 40 });
}, 120_000);
