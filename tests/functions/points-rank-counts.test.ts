/**
 * Own rank and totals come from one rank-counts document per scope (functions/_lib/rank.ts), kept
 * current by the ledger's write path: ranking and balance examine the same number of documents with
 * 1,000 and 20,000 balances in one community, and the ranks stay right as points move.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, put, seedOrgs, settleAll } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

function bulk(from: number, to: number) {
  const out = [];
  for (let i = from; i < to; i++) {
    out.push({ _id: `${year}:b${i}`, openid: `b${i}`, year, points: (i * 7919) % 1000, pending: 0, effective: (i * 7919) % 1000, spendable: 0, minutes: 0, earned: 0, days: {}, entries: 1,
      communityId: 'c1', unitId: i % 3 ? null : 'u1', streetId: 's1', districtId: 'd1', updatedAt: new Date(0) });
  }
  return out;
}

async function examined() {
  const out: Record<string, number> = {};
  for (const [name, action, data] of [
    ['rank p1', 'ranking', { scope: 'community' }],
    ['rank p3', 'ranking', { scope: 'community', page: 3, pageSize: 20 }],
    ['unit', 'ranking', { scope: 'unit' }],
    ['street', 'ranking', { scope: 'street' }],
    ['balance', 'balance', {}],
  ] as const) {
    const { result, stats } = await cloud.callWithStats('points', action, data, 'me');
    expect([name, result.ok, result.ok ? '' : JSON.stringify(result)]).toEqual([name, true, '']);
    out[name] = stats.examined;
  }
  return out;
}

/** what a full count says: 1 + balances of c1 with more effective points */
const naiveRank = (points: number) => cloud.emulator.store.all('balances').filter((b) => b.year === year && b.communityId === 'c1' && (b.effective as number) > points).length + 1;

test('rank and balance examine the same documents at 1,000 and 20,000 balances; ranks follow awards', async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'me', { communityId: 'c1', unitId: 'u1', name: '我自己' });
  addAdmin(cloud, 'community', 'c1', 'adminA');
  put(cloud, 'balances', [{ ...bulk(0, 1)[0], _id: `${year}:me`, openid: 'me', points: 500, effective: 500, unitId: 'u1' }, ...bulk(0, 999)]);

  await examined(); // first views build each scope's counts once
  const small = await examined();
  // 19,000 more straight into the store (around the ledger): the next reconcile drops the counts
  put(cloud, 'balances', bulk(999, 19_999));
  await cloud.db.collection('rankCounts').where({ year }).remove();
  await examined();
  const large = await examined();
  expect(large).toEqual(small);
  // counts doc + my balance + the page through the index (page 3 walks the 40 rows before it)
  for (const n of Object.values(large)) expect(n).toBeLessThanOrEqual(70);
  // rank and balance examine the same documents, give or take the page's own rows and a small constant, at both sizes
  const PAGE = 20; // the ranking's default page size
  for (const at of [small, large]) {
    for (const view of ['rank p1', 'unit', 'street'] as const) expect(Math.abs(at[view] - PAGE - at.balance)).toBeLessThanOrEqual(3);
  }

  const mine = async () => (await cloud.call('points', 'balance', {}, 'me')).data;
  expect(await mine()).toMatchObject({ points: 500, rank: naiveRank(500), rankOf: 20_000 });

  // large hand-made credits go to 复核 above the rule's reviewAbove (20 by default): this community's rule lets them through
  put(cloud, 'rules', [{ _id: 'c1-review', scopeId: 'c1', scopeKind: 'community', version: 1, rule: { reviewAbove: 1000 }, note: null, createdBy: 'test', createdAt: new Date() }]);
  // points move through the ledger's one write path: the counts move in the same transaction
  expect((await cloud.call('points', 'adjust', { openid: 'me', amount: 300, reason: '补录社区活动' }, 'adminA')).ok).toBe(true);
  // a pending credit (in 公示) does not count yet; once effective it does
  expect(await mine()).toMatchObject({ points: 500, pending: 300, rank: naiveRank(500) });
  await settleAll(cloud);
  expect(await mine()).toMatchObject({ points: 800, rank: naiveRank(800), rankOf: 20_000 });
  addMember(cloud, 'b5', { communityId: 'c1' });
  expect((await cloud.call('points', 'adjust', { openid: 'b5', amount: 900, reason: '补录社区活动' }, 'adminA')).ok).toBe(true);
  await settleAll(cloud);
  expect(await mine()).toMatchObject({ rank: naiveRank(800), rankOf: 20_000 });
  // a new member's first points add to the total
  addMember(cloud, 'newbie', { communityId: 'c1' });
  expect((await cloud.call('points', 'adjust', { openid: 'newbie', amount: 999, reason: '补录社区活动' }, 'adminA')).ok).toBe(true);
  await settleAll(cloud);
  const r = (await cloud.call('points', 'ranking', { scope: 'community', page: 1, pageSize: 5 }, 'me')).data;
  expect(r.total).toBe(20_001);
  expect(r.mine).toEqual({ rank: naiveRank(800), points: 800 });
  // the page: ordered, competition ranks consistent with the counts
  for (const row of r.items) expect(row.rank).toBe(naiveRank(row.points));
  const p3 = (await cloud.call('points', 'ranking', { scope: 'community', page: 3, pageSize: 20 }, 'me')).data;
  for (const row of p3.items) expect(row.rank).toBe(naiveRank(row.points));
}, 120_000);
