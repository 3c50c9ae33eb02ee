/**
 * Index use: queries on the indexes of core/db/schema.ts examine only candidates, so the work of a
 * ranking page does not grow with the collection. Results are checked against an unindexed copy.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let db: any;
let _: any;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = cloud.db;
  _ = db.command;
  await db.createCollection('balancesCopy'); // same data, no index: the reference
});
afterAll(() => cloud.stop());

/** deterministic pseudo-random balances spread over 10 communities */
function balances(from: number, to: number) {
  const docs = [];
  for (let i = from; i < to; i++) {
    docs.push({ _id: `2026:o${i}`, year: 2026, openid: `o${i}`, communityId: `c${i % 10}`, unitId: `u${i % 37}`, effective: (i * 7919) % 1000, updatedAt: new Date(i) });
  }
  return docs;
}
function load(docs: Record<string, unknown>[], collections = ['balances', 'balancesCopy']) {
  for (const c of collections) {
    for (let i = 0; i < docs.length; i += 1000) {
      cloud.emulator.store.commit(docs.slice(i, i + 1000).map((d) => ({ c, id: d._id as string, doc: { ...d } })));
    }
  }
}
async function examined(run: () => Promise<unknown>): Promise<{ examined: number; result: any }> {
  cloud.resetStats();
  const result = await run();
  return { examined: cloud.stats().total.examined, result };
}
const rankPage = (c: string, skip = 0) => db.collection(c).where({ year: 2026, communityId: 'c3' }).orderBy('effective', 'desc').orderBy('_id', 'asc').skip(skip).limit(20).get();

test('a ranking page examines the same few documents at 1k and at 50k', async () => {
  await cloud.wipe();
  load(balances(0, 1000));
  const small = await examined(() => rankPage('balances'));
  const reference = await rankPage('balancesCopy');
  expect(small.result.data).toEqual(reference.data);
  expect(small.examined).toBe(20);

  load(balances(1000, 50000), ['balances']);
  const big = await examined(() => rankPage('balances'));
  expect(big.examined).toBe(small.examined);
  const second = await examined(() => rankPage('balances', 20));
  expect(second.examined).toBe(40);
  // same order as a full sort would give
  const all = balances(0, 50000).filter((d) => d.communityId === 'c3').sort((a, b) => b.effective - a.effective || (a._id < b._id ? -1 : 1));
  expect(big.result.data.map((d: any) => d._id)).toEqual(all.slice(0, 20).map((d) => d._id));
}, 60000);

test('equality and range on an index examine only the matches', async () => {
  await cloud.wipe();
  load(balances(0, 2000));
  const r = await examined(() => db.collection('balances').where({ year: 2026, communityId: 'c1', effective: _.gte(900) }).count());
  const ref = await db.collection('balancesCopy').where({ year: 2026, communityId: 'c1', effective: _.gte(900) }).count();
  expect(r.result.total).toBe(ref.total);
  expect(r.examined).toBe(ref.total);
  const s = await examined(() => db.collection('balances').where({ year: 2026, communityId: 'c1', effective: _.gt(100).and(_.lt(200)) }).get());
  const sref = await db.collection('balancesCopy').where({ year: 2026, communityId: 'c1', effective: _.gt(100).and(_.lt(200)) }).get();
  expect(s.result.data.map((d: any) => d._id).sort()).toEqual(sref.data.map((d: any) => d._id).sort());
  expect(s.examined).toBe(sref.data.length);
});

test('the index follows updates and removals', async () => {
  await cloud.wipe();
  load(balances(0, 200), ['balances']);
  const top = async () => (await db.collection('balances').where({ year: 2026, communityId: 'c3' }).orderBy('effective', 'desc').limit(1).get()).data[0]._id;
  await db.collection('balances').doc('2026:o3').update({ data: { effective: _.inc(5000) } });
  expect(await top()).toBe('2026:o3');
  await db.collection('balances').doc('2026:o3').remove();
  expect(await top()).not.toBe('2026:o3');
  await db.collection('balances').doc('2026:o13').update({ data: { communityId: 'c4', effective: 9999 } });
  expect(await top()).not.toBe('2026:o13');
});

test('an array in an indexed field falls back to a correct scan', async () => {
  await cloud.wipe();
  load(balances(0, 100), ['balances']);
  await db.collection('balances').add({ data: { _id: 'multi', year: 2026, communityId: ['c3', 'c4'], effective: 5000 } });
  const r = await db.collection('balances').where({ year: 2026, communityId: 'c3' }).orderBy('effective', 'desc').limit(1).get();
  expect(r.data[0]._id).toBe('multi');
});

test('$in on an indexed field looks up each value instead of scanning', async () => {
  await cloud.wipe();
  load(balances(0, 3000));
  const q = { year: 2026, communityId: _.in(['c1', 'c2', 'c2']), effective: _.gte(990) };
  const r = await examined(() => db.collection('balances').where(q).get());
  const ref = await db.collection('balancesCopy').where(q).get();
  expect(r.result.data.map((d: any) => d._id).sort()).toEqual(ref.data.map((d: any) => d._id).sort());
  expect(r.examined).toBe(ref.data.length);
  const sorted = await db.collection('balances').where({ year: 2026, communityId: _.in(['c1', 'c2']) }).orderBy('effective', 'desc').limit(5).get();
  const sortedRef = await db.collection('balancesCopy').where({ year: 2026, communityId: _.in(['c1', 'c2']) }).orderBy('effective', 'desc').limit(5).get();
  expect(sorted.data.map((d: any) => d.effective)).toEqual(sortedRef.data.map((d: any) => d.effective));
});
