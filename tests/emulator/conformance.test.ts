/**
 * Conformance of the database emulator, driven through the REAL wx-server-sdk 4.0.2 over HTTP.
 * One test per behaviour the app relies on; expected values are what the platform documents.
 */
import http from 'node:http';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let db: any;
let _: any;
let $: any;

beforeAll(async () => {
  cloud = await startTestCloud({ lockWaitMs: 1000 });
  db = cloud.db;
  _ = db.command;
  $ = _.aggregate;
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.wipe());

const col = (name = 'needs') => db.collection(name);
async function seed(docs: Record<string, unknown>[], name = 'needs'): Promise<void> {
  for (const data of docs) await col(name).add({ data });
}
const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id);

async function expectError(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail');
}

function postJson(url: string, body: unknown): Promise<any> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let s = '';
      res.on('data', (c) => (s += c));
      res.on('end', () => resolve(JSON.parse(s)));
    });
    req.on('error', reject);
    req.end(data);
  });
}

function getJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let s = '';
      res.on('data', (c) => (s += c));
      res.on('end', () => resolve(JSON.parse(s)));
    }).on('error', reject);
  });
}

describe('query operators', () => {
  beforeEach(() =>
    seed([
      { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], o: { k: 1, deep: { v: 'p' } }, items: [{ q: 1, ok: true }] },
      { _id: 'b', n: 2, s: 'banana', tags: ['y'], o: { k: 2, deep: { v: 'q' } }, items: [{ q: 5, ok: false }] },
      { _id: 'c', n: 3, s: 'cherry', tags: [], o: { k: 3 }, extra: null },
    ]),
  );

  test('plain equality', async () => {
    expect(ids(await col().where({ n: 2 }).get())).toEqual(['b']);
  });
  test('eq / neq', async () => {
    expect(ids(await col().where({ n: _.eq(1) }).get())).toEqual(['a']);
    expect(ids(await col().where({ n: _.neq(1) }).get())).toEqual(['b', 'c']);
  });
  test('gt / gte / lt / lte', async () => {
    expect(ids(await col().where({ n: _.gt(1) }).get())).toEqual(['b', 'c']);
    expect(ids(await col().where({ n: _.gte(2).and(_.lte(2)) }).get())).toEqual(['b']);
    expect(ids(await col().where({ n: _.lt(3) }).get())).toEqual(['a', 'b']);
  });
  test('in / nin', async () => {
    expect(ids(await col().where({ s: _.in(['apple', 'cherry']) }).get())).toEqual(['a', 'c']);
    expect(ids(await col().where({ s: _.nin(['apple', 'cherry']) }).get())).toEqual(['b']);
  });
  test('and / or', async () => {
    expect(ids(await col().where(_.or([{ n: 1 }, { s: 'cherry' }])).get())).toEqual(['a', 'c']);
    expect(ids(await col().where(_.and([{ n: _.gt(1) }, { s: _.neq('cherry') }])).get())).toEqual(['b']);
    expect(ids(await col().where({ n: _.lt(2).or(_.gt(2)) }).get())).toEqual(['a', 'c']);
  });
  test('exists', async () => {
    expect(ids(await col().where({ extra: _.exists(true) }).get())).toEqual(['c']);
    expect(ids(await col().where({ extra: _.exists(false) }).get())).toEqual(['a', 'b']);
  });
  test('regex with db.RegExp and a JS RegExp', async () => {
    expect(ids(await col().where({ s: db.RegExp({ regexp: '^b', options: 'i' }) }).get())).toEqual(['b']);
    expect(ids(await col().where({ s: /RR/i }).get())).toEqual(['c']);
  });
  test('elemMatch on an array of objects', async () => {
    expect(ids(await col().where({ items: _.elemMatch({ q: _.gt(2), ok: false }) }).get())).toEqual(['b']);
  });
  test('array field equality matches an element', async () => {
    expect(ids(await col().where({ tags: 'y' }).get())).toEqual(['a', 'b']);
  });
  test('nested fields by dot path and by nested object', async () => {
    expect(ids(await col().where({ 'o.deep.v': 'q' }).get())).toEqual(['b']);
    expect(ids(await col().where({ o: { k: _.gte(2) } }).get())).toEqual(['b', 'c']);
  });
  test('dates compare as dates', async () => {
    await col('inbox').add({ data: { _id: 'old', at: new Date('2020-01-01T00:00:00Z') } });
    await col('inbox').add({ data: { _id: 'new', at: new Date('2030-01-01T00:00:00Z') } });
    expect(ids(await col('inbox').where({ at: _.gt(new Date('2025-01-01T00:00:00Z')) }).get())).toEqual(['new']);
  });
});

describe('order, paging, projection, count', () => {
  test('orderBy several keys', async () => {
    await seed([
      { _id: 'a', g: 1, n: 2 },
      { _id: 'b', g: 2, n: 1 },
      { _id: 'c', g: 1, n: 3 },
      { _id: 'd', g: 2, n: 5 },
    ]);
    const res = await col().orderBy('g', 'asc').orderBy('n', 'desc').get();
    expect(ids(res)).toEqual(['c', 'a', 'd', 'b']);
  });
  test('skip and limit', async () => {
    await seed([1, 2, 3, 4, 5].map((n) => ({ _id: `d${n}`, n })));
    expect(ids(await col().orderBy('n', 'asc').skip(1).limit(2).get())).toEqual(['d2', 'd3']);
  });
  test('field() includes or excludes fields', async () => {
    await seed([{ _id: 'a', n: 1, s: 'x', o: { k: 1, j: 2 } }]);
    expect((await col().field({ n: true }).get()).data).toEqual([{ _id: 'a', n: 1 }]);
    expect((await col().field({ s: false, o: false }).get()).data).toEqual([{ _id: 'a', n: 1 }]);
    expect((await col().doc('a').field({ 'o.j': true }).get()).data).toEqual({ _id: 'a', o: { j: 2 } });
  });
  test('get() without limit returns at most 100 documents', async () => {
    cloud.emulator.store.commit(Array.from({ length: 150 }, (_x, i) => ({ c: 'needs', id: `n${String(i).padStart(3, '0')}`, doc: { _id: `n${String(i).padStart(3, '0')}`, i } })));
    const res = await col().get();
    expect(res.data).toHaveLength(100);
  });
  test('limit(1000) is clamped to the platform page of 100', async () => {
    cloud.emulator.store.commit(Array.from({ length: 150 }, (_x, i) => ({ c: 'needs', id: `n${i}`, doc: { _id: `n${i}`, i } })));
    expect((await col().limit(1000).get()).data).toHaveLength(100);
    expect((await col().skip(100).limit(1000).get()).data).toHaveLength(50);
  });
  test('count with and without a condition', async () => {
    await seed([{ n: 1 }, { n: 2 }, { n: 2 }]);
    expect((await col().count()).total).toBe(3);
    expect((await col().where({ n: 2 }).count()).total).toBe(2);
  });
});

describe('writes', () => {
  test('add() generates a 32-hex _id like the platform', async () => {
    const { _id } = await col().add({ data: { n: 1 } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
  });
  test('add() keeps a given _id', async () => {
    const { _id } = await col().add({ data: { _id: 'mine', n: 1 } });
    expect(_id).toBe('mine');
    expect((await col().doc('mine').get()).data).toEqual({ _id: 'mine', n: 1 });
  });
  test('dates round-trip as Date objects', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    await col().add({ data: { _id: 'd', at, list: [at], o: { at } } });
    const { data } = await col().doc('d').get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.getTime()).toBe(at.getTime());
    expect(data.list[0]).toBeInstanceOf(Date);
    expect(data.o.at).toEqual(at);
  });
  test('serverDate() is the server clock, with offset', async () => {
    const before = Date.now();
    await col().add({ data: { _id: 's', at: db.serverDate(), later: db.serverDate({ offset: 60000 }) } });
    const { data } = await col().doc('s').get();
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(data.at.getTime()).toBeLessThanOrEqual(Date.now());
    expect(data.later.getTime() - data.at.getTime()).toBe(60000);
  });
  test('update() merges nested objects field by field', async () => {
    await seed([{ _id: 'a', o: { k: 1, keep: true }, n: 1 }]);
    await col().doc('a').update({ data: { o: { k: 2, added: 'x' } } });
    expect((await col().doc('a').get()).data).toEqual({ _id: 'a', o: { k: 2, keep: true, added: 'x' }, n: 1 });
  });
  test('set() replaces the whole document', async () => {
    await seed([{ _id: 'a', o: { k: 1 }, n: 1 }]);
    const r = await col().doc('a').set({ data: { m: 2 } });
    expect(r.stats).toEqual({ updated: 1, created: 0 });
    expect((await col().doc('a').get()).data).toEqual({ _id: 'a', m: 2 });
  });
  test('set() on a missing document creates it (upsert)', async () => {
    const r = await col().doc('fresh').set({ data: { m: 1 } });
    expect(r.stats).toEqual({ updated: 0, created: 1 });
    expect((await col().doc('fresh').get()).data).toEqual({ _id: 'fresh', m: 1 });
  });
  test('_.set() replaces a nested object instead of merging', async () => {
    await seed([{ _id: 'a', o: { k: 1, keep: true } }]);
    await col().doc('a').update({ data: { o: _.set({ k: 2 }) } });
    expect((await col().doc('a').get()).data.o).toEqual({ k: 2 });
  });
  test('_.inc, _.mul, _.min, _.max', async () => {
    await seed([{ _id: 'a', n: 1, m: 3, lo: 5, hi: 5 }]);
    await col().doc('a').update({ data: { n: _.inc(2), m: _.mul(2), lo: _.min(1), hi: _.max(9) } });
    expect((await col().doc('a').get()).data).toEqual({ _id: 'a', n: 3, m: 6, lo: 1, hi: 9 });
  });
  test('_.push one or several values', async () => {
    await seed([{ _id: 'a', tags: ['x'] }]);
    await col().doc('a').update({ data: { tags: _.push('y') } });
    await col().doc('a').update({ data: { tags: _.push(['z', 'w']) } });
    expect((await col().doc('a').get()).data.tags).toEqual(['x', 'y', 'z', 'w']);
  });
  test('_.pull and _.addToSet', async () => {
    await seed([{ _id: 'a', tags: ['x', 'y', 'x'] }]);
    await col().doc('a').update({ data: { tags: _.pull('x') } });
    await col().doc('a').update({ data: { tags: _.addToSet('y') } });
    expect((await col().doc('a').get()).data.tags).toEqual(['y']);
  });
  test('_.remove() deletes a field', async () => {
    await seed([{ _id: 'a', n: 1, gone: 'x' }]);
    await col().doc('a').update({ data: { gone: _.remove() } });
    expect((await col().doc('a').get()).data).toEqual({ _id: 'a', n: 1 });
  });
  test('update() of a missing document updates nothing', async () => {
    const r = await col().doc('nope').update({ data: { n: 1 } });
    expect(r.stats.updated).toBe(0);
    expect((await col().count()).total).toBe(0);
  });
  test('update() that changes nothing reports 0 updated (modified count)', async () => {
    await seed([{ _id: 'a', n: 1 }]);
    expect((await col().doc('a').update({ data: { n: 1 } })).stats.updated).toBe(0);
    expect((await col().doc('a').update({ data: { n: 2 } })).stats.updated).toBe(1);
  });
  test('where().update() updates every match and reports the count', async () => {
    await seed([{ g: 1 }, { g: 1 }, { g: 2 }]);
    const r = await col().where({ g: 1 }).update({ data: { done: true } });
    expect(r.stats.updated).toBe(2);
    expect((await col().where({ done: true }).count()).total).toBe(2);
  });
  test('where().remove() removes every match and reports the count', async () => {
    await seed([{ g: 1 }, { g: 1 }, { g: 2 }]);
    const r = await col().where({ g: 1 }).remove();
    expect(r.stats.removed).toBe(2);
    expect((await col().count()).total).toBe(1);
  });
  test('doc().remove()', async () => {
    await seed([{ _id: 'a' }]);
    expect((await col().doc('a').remove()).stats.removed).toBe(1);
    expect((await col().doc('a').remove()).stats.removed).toBe(0);
  });
  test('db.createCollection makes a new collection usable', async () => {
    const name = `extra${Date.now()}`;
    await db.createCollection(name);
    await db.collection(name).add({ data: { _id: 'x' } });
    expect((await db.collection(name).count()).total).toBe(1);
  });
});

describe('errors look like the platform', () => {
  test('duplicate _id on add → errCode -501001', async () => {
    await seed([{ _id: 'dup' }]);
    const e = await expectError(col().add({ data: { _id: 'dup' } }));
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toMatch(/duplicate key/);
  });
  test('doc().get() of a missing document throws "does not exist"', async () => {
    const e = await expectError(col().doc('missing').get());
    expect(e.errMsg).toMatch(/document with _id missing does not exist/);
  });
  test('a collection that does not exist → errCode -502005', async () => {
    const e = await expectError(db.collection('noSuchCollection').where({}).get());
    expect(e.errCode).toBe(-502005);
    const w = await expectError(db.collection('noSuchCollection').add({ data: { n: 1 } }));
    expect(w.errCode).toBe(-502005);
  });
  test('createCollection of an existing name fails', async () => {
    const e = await expectError(db.createCollection('needs'));
    expect(String(e.errMsg ?? e.message)).toMatch(/already exists/);
  });
  test('an unsupported query operator fails loudly', async () => {
    const e = await expectError(col().where({ loc: _.geoNear({ geometry: new db.Geo.Point(1, 2), maxDistance: 10 }) }).get());
    expect(e.errMsg).toMatch(/\[emulator\] unsupported query operator \$nearSphere/);
  });
  test('an unsupported aggregation stage fails loudly', async () => {
    const e = await expectError(col().aggregate().geoNear({ near: new db.Geo.Point(1, 2), distanceField: 'd' }).end());
    expect(String(e.errMsg ?? e.message)).toMatch(/unsupported aggregation stage operator \$geoNear/);
  });
  test('an unsupported update operator fails loudly (raw wire)', async () => {
    await seed([{ _id: 'a', n: 1 }]);
    const r = await postJson(cloud.emulator.adminUrl, {
      action: 'database.modifyDocument', collectionName: 'needs', queryType: 'DOC', query: '{"_id":"a"}', multi: false, merge: true,
      data: '{"$currentDate":{"at":true}}',
    });
    expect(r).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR', message: expect.stringMatching(/unsupported update operator \$currentDate/) });
    expect((await col().doc('a').get()).data).toEqual({ _id: 'a', n: 1 });
  });
  test('an action the emulator does not know fails loudly (raw wire)', async () => {
    const r = await postJson(cloud.emulator.adminUrl, { action: 'storage.batchCopyFile', file_list: [] });
    expect(r).toMatchObject({ code: 'EMULATOR_UNSUPPORTED_ACTION', message: expect.stringMatching(/storage.batchCopyFile is not emulated/) });
  });
  test('a unique index refuses a second equal key', async () => {
    await col('units').add({ data: { _id: 'u1', inviteCode: 'ABC' } });
    const e = await expectError(col('units').add({ data: { _id: 'u2', inviteCode: 'ABC' } }));
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toMatch(/duplicate key.*invite/);
    expect((await col('units').count()).total).toBe(1);
  });
});

describe('aggregation', () => {
  beforeEach(() =>
    seed([
      { _id: 'a', g: 'x', n: 1, tags: ['t1', 't2'] },
      { _id: 'b', g: 'x', n: 2, tags: ['t1'] },
      { _id: 'c', g: 'y', n: 5, tags: [] },
    ]),
  );
  test('$match $group $sort', async () => {
    const r = await col().aggregate().match({ n: _.gte(1) }).group({ _id: '$g', total: $.sum('$n'), c: $.sum(1) }).sort({ total: -1 }).end();
    expect(r.list).toEqual([
      { _id: 'y', total: 5, c: 1 },
      { _id: 'x', total: 3, c: 2 },
    ]);
  });
  test('$sort $skip $limit $project', async () => {
    const r = await col().aggregate().sort({ n: 1 }).skip(1).limit(1).project({ _id: 0, n: 1 }).end();
    expect(r.list).toEqual([{ n: 2 }]);
  });
  test('without limit() an aggregation returns 20 results, like the platform; limit(n) returns n', async () => {
    await seed(Array.from({ length: 45 }, (_, i) => ({ _id: `m${String(i).padStart(2, '0')}`, g: 'z', n: 100 + i, tags: [] })));
    const noLimit = await col().aggregate().match({ g: 'z' }).sort({ n: 1 }).end();
    expect(noLimit.list).toHaveLength(20);
    expect(noLimit.list[19].n).toBe(119);
    const limited = await col().aggregate().match({ g: 'z' }).sort({ n: 1 }).limit(40).end();
    expect(limited.list).toHaveLength(40);
  });
  test('$count', async () => {
    const r = await col().aggregate().match({ g: 'x' }).count('total').end();
    expect(r.list).toEqual([{ total: 2 }]);
  });
  test('$unwind', async () => {
    const r = await col().aggregate().unwind('$tags').group({ _id: '$tags', c: $.sum(1) }).sort({ _id: 1 }).end();
    expect(r.list).toEqual([
      { _id: 't1', c: 2 },
      { _id: 't2', c: 1 },
    ]);
  });
  test('$addFields', async () => {
    const r = await col().aggregate().match({ _id: 'a' }).addFields({ double: $.multiply(['$n', 2]) }).project({ double: 1 }).end();
    expect(r.list).toEqual([{ _id: 'a', double: 2 }]);
  });
  test('$lookup joins another collection', async () => {
    await col('projects').add({ data: { _id: 'p1', needId: 'a', title: 'fix' } });
    const r = await col().aggregate().match({ _id: 'a' }).lookup({ from: 'projects', localField: '_id', foreignField: 'needId', as: 'projects' }).project({ 'projects.title': 1 }).end();
    expect(r.list).toEqual([{ _id: 'a', projects: [{ title: 'fix' }] }]);
  });
  test('dates survive aggregation', async () => {
    await col('inbox').add({ data: { _id: 'i', at: new Date('2026-01-01T00:00:00Z') } });
    const r = await col('inbox').aggregate().project({ at: 1 }).end();
    expect(r.list[0].at).toBeInstanceOf(Date);
  });
});

describe('accounting', () => {
  test('an indexed equality query examines only its candidates', async () => {
    const docs = Array.from({ length: 300 }, (_x, i) => ({ _id: `m${i}`, openid: `o${i % 30}`, createdAt: new Date(i * 1000) }));
    cloud.emulator.store.commit(docs.map((d) => ({ c: 'inbox', id: d._id, doc: d })));
    cloud.resetStats();
    const r = await col('inbox').where({ openid: 'o7' }).get();
    expect(r.data).toHaveLength(10);
    expect(cloud.stats().total.examined).toBe(10);
  });
  test('an unindexed query scans the collection and says so in the counts', async () => {
    cloud.emulator.store.commit(Array.from({ length: 50 }, (_x, i) => ({ c: 'inbox', id: `m${i}`, doc: { _id: `m${i}`, kind: i % 2 ? 'a' : 'b' } })));
    cloud.resetStats();
    await col('inbox').where({ kind: 'a' }).get();
    expect(cloud.stats().total.examined).toBe(50);
  });
  test('calls are attributed to the invocation named by TCB_SEQID', async () => {
    const saved = process.env.TCB_SEQID;
    try {
      process.env.TCB_SEQID = 'inv-one';
      await col().where({ n: 1 }).get();
      await col().add({ data: { n: 1 } });
      process.env.TCB_SEQID = 'inv-two';
      await col().count();
    } finally {
      process.env.TCB_SEQID = saved;
    }
    const one = await getJson(`${cloud.emulator.url}/__emulator/stats?invocation=inv-one`);
    expect(one).toMatchObject({ calls: 2, written: 1, byAction: { 'database.getDocument': 1, 'database.insertDocument': 1 } });
    expect(cloud.emulator.statsFor('inv-two')).toMatchObject({ calls: 1, byAction: { 'database.calculateDocument': 1 } });
  });
  test('health and stats over HTTP', async () => {
    const health = await getJson(`${cloud.emulator.url}/__emulator/health`);
    expect(health.ok).toBe(true);
    expect(health.collections).toContain('balances');
    cloud.resetStats();
    await col().where({ n: 1 }).count();
    const stats = await getJson(`${cloud.emulator.url}/__emulator/stats`);
    expect(stats.total.calls).toBe(1);
    expect(stats.total.byAction['database.calculateDocument']).toBe(1);
  });
});
