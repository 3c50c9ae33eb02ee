/**
 * Typed finds (functions/_lib/query.ts): every row comes back parsed (dates as Date, defaults
 * filled), options reach the database, and a document that does not fit fails loudly.
 */
import { z } from 'zod';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

jest.setTimeout(30_000);
let cloud: TestCloud;
let q: typeof import('../../functions/_lib/query');
beforeAll(async () => {
  cloud = await startTestCloud();
  q = await import('../../functions/_lib/query');
  const at = (d: number) => new Date(Date.UTC(2026, 0, d));
  await Promise.all([1, 2, 3, 4, 5].map(async (i) => {
    await cloud.db.collection('needs').doc(`n${i}`).set({ data: { communityId: i <= 3 ? 'c1' : 'c2', title: `需求${i}`, category: 'elder', status: 'open', createdAt: at(i) } });
  }));
  await cloud.db.collection('needs').doc('bad').set({ data: { communityId: 'c9', title: 3, status: 'open', createdAt: at(1) } });
});
afterAll(() => cloud.stop());

test('findMany parses rows, orders, skips and limits', async () => {
  const rows = await q.findMany(cloud.db, 'needs', { communityId: 'c1' }, { orderBy: ['createdAt', 'desc'], skip: 1, limit: 1 });
  expect(rows.map((r) => r._id)).toEqual(['n2']);
  expect(rows[0].createdAt).toBeInstanceOf(Date);
  expect(rows[0].description).toBe(''); // default filled
  expect(rows[0].updatedAt).toBeNull();
});

test('findOne answers the record or null; countWhere counts', async () => {
  expect((await q.findOne({ db: cloud.db }, 'needs', { communityId: 'c2' }, { orderBy: ['createdAt', 'asc'] }))?._id).toBe('n4');
  expect(await q.findOne(cloud.db, 'needs', { communityId: 'none' })).toBeNull();
  expect(await q.countWhere(cloud.db, 'needs', { communityId: 'c1' })).toBe(3);
});

test('findPage reads a page and the total; findManyAs parses a projection with its own schema', async () => {
  const page = await q.findPage(cloud.db, 'needs', { communityId: 'c1' }, { orderBy: ['createdAt', 'asc'], page: 2, pageSize: 2 });
  expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
  expect(page.items.map((r) => r._id)).toEqual(['n3']);
  const ids = await q.findManyAs(cloud.db, 'needs', z.object({ _id: z.string(), title: z.string() }).strict(), { communityId: 'c2' }, { field: { _id: true, title: true }, orderBy: ['_id', 'asc'] });
  expect(ids).toEqual([{ _id: 'n4', title: '需求4' }, { _id: 'n5', title: '需求5' }]);
});

test('a document that does not fit its record fails, naming collection, id and field', async () => {
  await expect(q.findMany(cloud.db, 'needs', { communityId: 'c9' })).rejects.toThrow(/needs\/bad .*title/);
});
