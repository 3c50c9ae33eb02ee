/**
 * Wire snapshot: the exact request bodies wx-server-sdk sends for a representative set of calls.
 * If an SDK upgrade changes the protocol, this fails: re-check emulator/database.ts against the new
 * SDK before updating the snapshot (`npx jest --selectProjects emulator -u tests/emulator/wire`).
 */
import { startEmulator, type Emulator } from '../../emulator/server';
import { sdkEnv } from '../../emulator/env';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let emulator: Emulator;
let dataDir: string;
const seen: unknown[] = [];
let db: any;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-wire-'));
  emulator = await startEmulator({
    dataDir,
    fsync: false,
    onRequest: ({ headers, body, query }) => {
      const params = JSON.parse(body.toString('utf8'));
      if (params.transactionId) params.transactionId = '<transactionId>';
      seen.push({
        query: { env: query.get('env'), seqId: query.get('seqId') ? '<seqId>' : null },
        contentType: headers['content-type'],
        userAgent: headers['user-agent'],
        sdkVersion: headers['x-sdk-version'],
        signed: typeof headers.authorization === 'string' && headers.authorization.length > 0,
        params,
      });
    },
  });
  Object.assign(process.env, sdkEnv(emulator.port));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  db = sdk.database();
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('request bodies of the calls the app makes are unchanged', async () => {
  const _ = db.command;
  const $ = _.aggregate;
  const c = db.collection('needs');
  const at = new Date('2026-01-02T03:04:05.006Z');
  await c.add({ data: { _id: 'w1', n: 1, f: 1.5, at, tags: ['a'], o: { k: 'v' }, t: db.serverDate({ offset: 1000 }) } });
  await c.doc('w1').get();
  await c.doc('w1').field({ n: true }).get();
  await c.where({ n: _.gt(0).and(_.lte(10)), s: _.in(['x', 'y']), 'o.k': 'v', r: /ab+/i, e: _.exists(true), m: _.elemMatch({ q: 1 }) }).orderBy('n', 'desc').orderBy('at', 'asc').skip(5).limit(20).field({ n: true, o: false }).get().catch(() => undefined);
  await c.where(_.or([{ n: 1 }, { n: _.neq(2) }])).get();
  await c.where({ n: _.nin([3]) }).count();
  await c.doc('w1').update({ data: { n: _.inc(1), tags: _.push('b'), gone: _.remove(), o: { k: 'w' }, p: _.pull('a'), at } });
  await c.doc('w1').set({ data: { n: 2 } });
  await c.where({ n: 2 }).update({ data: { done: true } });
  await c.where({ n: 3 }).remove();
  await c.doc('w1').remove();
  await c.aggregate().match({ n: _.gte(1) }).group({ _id: '$g', s: $.sum('$n') }).sort({ s: -1 }).skip(1).limit(2).project({ s: 1 }).unwind('$tags').addFields({ d: $.multiply(['$n', 2]) }).lookup({ from: 'projects', localField: '_id', foreignField: 'needId', as: 'p' }).count('total').end();
  await db.runTransaction(async (t: any) => {
    await t.collection('needs').add({ data: { _id: 'w2', n: 1 } });
    await t.collection('needs').doc('w2').get();
    await t.collection('needs').doc('w2').update({ data: { n: _.inc(1) } });
    await t.collection('needs').doc('w2').set({ data: { n: 5 } });
    await t.collection('needs').doc('w2').remove();
  });
  const t = await db.startTransaction();
  await t.rollback();
  await db.createCollection('wireExtra');
  expect(seen).toMatchSnapshot();
});
