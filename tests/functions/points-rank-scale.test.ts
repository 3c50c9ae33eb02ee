/**
 * Rankings and balances are served from the indexed `balances` documents, never by scanning the
 * ledger: the documents the emulator examines per invocation are the same with 1k and 50k ledger
 * entries. (A test of query shape, not of speed: bulk entries go straight into the store.)
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addMember, put, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const MEMBERS = 300;

function bulkEntries(from: number, to: number) {
  const changes = [];
  for (let i = from; i < to; i++) {
    const openid = `x${i % MEMBERS}`;
    const at = new Date(Date.UTC(year, 0, 1 + (i % 300), 3));
    changes.push({ c: 'ledger', id: `attendance:bulk${i}:${openid}`, doc: {
      _id: `attendance:bulk${i}:${openid}`, openid, year, day: '0101', amount: 1, minutes: 10, cause: 'attendance', sourceId: `bulk${i}`,
      communityId: 'c1', ruleId: 'default', ruleVersion: 0, capped: true, base: 1, cappedBy: null, actor: 'seed', reason: null, reverses: null, at, createdAt: at,
    } });
  }
  cloud.emulator.store.commit(changes);
}

async function measure() {
  const out: Record<string, number> = {};
  for (const [name, action, data] of [
    ['community p1', 'ranking', { scope: 'community' }],
    ['community p3', 'ranking', { scope: 'community', page: 3, pageSize: 20 }],
    ['street', 'ranking', { scope: 'street' }],
    ['unit', 'ranking', { scope: 'unit' }],
    ['balance', 'balance', {}],
  ] as const) {
    const { result, stats } = await cloud.callWithStats('points', action, data, 'me');
    expect(result.ok).toBe(true);
    out[name] = stats.examined;
  }
  return out;
}

test('rank queries examine the same number of documents at 1k and 50k ledger entries', async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'me', { communityId: 'c1', unitId: 'u1', name: '我自己' });
  // balances: MEMBERS in c1 (half of them in unit u1) and as many in c3, plus mine in the middle
  const balances = [];
  for (let i = 0; i < MEMBERS; i++) {
    for (const [c, s] of [['c1', 's1'], ['c3', 's2']]) {
      balances.push({ _id: `${year}:${c}x${i}`, openid: `${c}x${i}`, year, points: (i * 37) % 500, minutes: i * 10, earned: 0, days: {}, communityId: c, unitId: i % 2 ? 'u1' : null, streetId: s, districtId: 'd1', entries: 1, updatedAt: new Date(), pending: 0, effective: (i * 37) % 500, spendable: 0 });
    }
  }
  balances.push({ _id: `${year}:me`, openid: 'me', year, points: 250, minutes: 600, earned: 0, days: {}, communityId: 'c1', unitId: 'u1', streetId: 's1', districtId: 'd1', entries: 1, updatedAt: new Date(), pending: 0, effective: 250, spendable: 0 });
  put(cloud, 'balances', balances);

  bulkEntries(0, 1_000);
  await measure(); // the first view of each scope builds its rank counts (functions/_lib/rank.ts)
  const small = await measure();
  bulkEntries(1_000, 50_000);
  expect(cloud.emulator.store.size('ledger')).toBe(50_000);
  const large = await measure();

  if (process.env.SHOW_STATS) console.log(JSON.stringify({ small, large }));
  expect(large).toEqual(small);
  // and the work is bounded by the page and the members ranked above me, not by the ledger
  for (const n of Object.values(large)) expect(n).toBeLessThan(2 * MEMBERS + 100);
  // the answer itself is right: my rank = members of c1 with more points + 1
  const r = await cloud.call('points', 'ranking', { scope: 'community' }, 'me');
  const above = balances.filter((b) => b.communityId === 'c1' && b.points > 250).length;
  expect(r.data.mine).toEqual({ rank: above + 1, points: 250 });
  expect(r.data.items[0].points).toBe(Math.max(...balances.filter((b) => b.communityId === 'c1').map((b) => b.points)));
}, 120_000);
