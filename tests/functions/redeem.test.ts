/**
 * 积分兑换 through the real SDK and emulator: spendable points earned from effective credits,
 * 100 concurrent redemptions of the last 3 pieces, a code handed over twice, concurrent cancels,
 * the expiry timer (injected clock, run twice), the district switch for material rewards, and the
 * spendable part always equal to the sum of its entries.
 */
import { adjust, makeEffective } from '../../functions/_shared/ledger';
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, members, seedOrgs } from './task-fixtures';

jest.setTimeout(120_000);
let cloud: TestCloud;
let main: (event: unknown) => Promise<any>;
let runTimers: (ctx: { db: any; now: Date }) => Promise<{ earned: number; lapsed: number; expired: number; expiredPoints: number }>;
const T0 = Date.parse('2026-12-01T02:00:00Z');

beforeAll(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  jest.setSystemTime(new Date(T0));
  cloud = await startTestCloud();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  main = require('../../functions/redeem/index').main;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  runTimers = require('../../functions/redeem/timer').runRedeemTimers;
  process.env.WX_APPID = 'wx-local-appid';
});
afterAll(async () => {
  await cloud?.stop();
  jest.useRealTimers();
});

function concurrently(calls: Array<{ openid: string; action: string; data: unknown }>): Promise<any[]> {
  return Promise.all(calls.map(({ openid, action, data }) => {
    process.env.WX_OPENID = openid; // read synchronously by the router before its first await
    return main({ action, data });
  }));
}

const call = (action: string, data: unknown, openid: string) => cloud.call('redeem', action, data, openid);

/** A credit of `points` for each member (an admin adjustment through the ledger), effective after its 公示 unless `pending`. */
async function credit(openids: string[], points: number, at = new Date(T0), pending = false) {
  for (const openid of openids) {
    const { entry } = await adjust({ db: cloud.db, now: at }, { openid, amount: points, reason: '测试积分', actor: ADMIN_A, requestId: `seed-${openid}-${at.getTime()}-${points}${pending ? 'p' : 'e'}`, communityId: 'cA' });
    if (!pending) await makeEffective({ db: cloud.db, now: at }, entry._id, ADMIN_A);
  }
}

async function newItem(over: Record<string, unknown> = {}) {
  const r = await call('saveItem', {
    communityId: 'cA', kind: 'goods', title: '爱心超市洗衣液', description: '一瓶 2 升', price: 30, stock: 3, perMemberLimit: 1,
    validFrom: new Date(T0 - 86_400_000).toISOString(), validTo: new Date(T0 + 30 * 86_400_000).toISOString(), requestId: `item-${Math.random().toString(36).slice(2, 10)}`, ...over,
  }, ADMIN_A);
  expect(r.ok).toBe(true);
  return r.data.item;
}

async function all(coll: string, where: object = {}) {
  const out: any[] = [];
  for (;;) {
    const page = (await cloud.db.collection(coll).where(where).skip(out.length).limit(100).get()).data as any[];
    out.push(...page);
    if (page.length < 100) return out;
  }
}

/** Effective credits written straight into the store (as the seed does), many members at once. */
async function seedCredits(openids: string[], points: number) {
  const at = new Date(T0);
  await Promise.all(openids.map(async (openid) => {
    const id = `adjust:seed:${openid}`;
    await cloud.db.collection('ledger').doc(id).set({ data: { openid, year: 2026, day: '1201', amount: points, minutes: 0, cause: 'adjust', sourceId: 'seed', communityId: 'cA', ruleId: null, ruleVersion: null, capped: false, base: null, cappedBy: null, actor: ADMIN_A, reason: '测试', reverses: null, at, createdAt: at } });
    await cloud.db.collection('balances').doc(`2026:${openid}`).set({ data: { openid, year: 2026, points, minutes: 0, earned: 0, days: {}, communityId: 'cA', unitId: null, streetId: 's1', districtId: 'd1', entries: 1, updatedAt: at } });
  }));
}

/** every balance's spendable part equals the sum of its entries' spendable; points equal the sum of amounts */
async function checkParts() {
  const ledger = await all('ledger');
  const balances = await all('balances');
  const sums = new Map<string, { points: number; spendable: number }>();
  for (const e of ledger) {
    const k = `${e.year}:${e.openid}`;
    const s = sums.get(k) ?? { points: 0, spendable: 0 };
    s.points += e.amount; s.spendable += e.spendable ?? 0;
    sums.set(k, s);
  }
  for (const b of balances) expect({ id: b._id, points: b.points, spendable: b.spendable ?? 0 }).toEqual({ id: b._id, ...sums.get(b._id)! });
  return { ledger, balances };
}

beforeEach(async () => {
  jest.setSystemTime(new Date(T0));
  await cloud.wipe();
  await seedOrgs(cloud, 100);
  // the test credits are hand-made adjustments; above the rule's reviewAbove (20 by default) they would
  // wait for a second admin (复核) — this community's rule lets them straight into 公示
  cloud.emulator.store.commit([{ c: 'rules', id: 'cA-review', doc: { _id: 'cA-review', scopeId: 'cA', scopeKind: 'community', version: 1, rule: { reviewAbove: 1000 }, note: null, createdBy: 'test', createdAt: new Date(T0) } }]);
});

it('spendable points follow effective credits 1:1 (pending ones earn nothing); redeeming never touches 考核分 or hours', async () => {
  await credit(['m1'], 7, new Date(T0), true);
  expect((await call('summary', {}, 'm1')).data).toMatchObject({ assessed: 7, spendable: 0 });
  await credit(['m1'], 43);
  const s = await call('summary', {}, 'm1');
  expect(s.data).toMatchObject({ year: 2026, assessed: 50, spendable: 43, materialOff: false, ratio: 1 });
  expect(s.data.parts).toEqual([{ year: 2026, spendable: 43, expiresAt: '2027-12-31T16:00:00.000Z' }]);
  // a second summary earns nothing more (derived ids)
  await call('summary', {}, 'm1');
  expect((await all('ledger', { cause: 'earn' }))).toHaveLength(1);

  const item = await newItem();
  const r = await call('redeem', { itemId: item.id, requestId: 'req-m1-1' }, 'm1');
  expect(r.ok).toBe(true);
  expect(r.data.spendable).toBe(13);
  expect(r.data.redemption).toMatchObject({ status: 'open', price: 30, itemTitle: '爱心超市洗衣液' });
  expect(r.data.redemption.code).toMatch(/^[1-9]\d{7}$/);
  expect(r.data.redemption.qr).toBe(`SBDR1.${r.data.redemption.code}`);
  // the same requestId again (double tap): one redemption
  const again = await call('redeem', { itemId: item.id, requestId: 'req-m1-1' }, 'm1');
  expect(again.data.redemption.id).toBe(r.data.redemption.id);
  const after = await call('summary', {}, 'm1');
  expect(after.data).toMatchObject({ assessed: 50, spendable: 13 });
  const bal = (await cloud.db.collection('balances').doc('2026:m1').get()).data;
  expect({ points: bal.points, pending: bal.pending, effective: bal.effective, spendable: bal.spendable }).toEqual({ points: 50, pending: 7, effective: 43, spendable: 13 });
  // 积分明细 (考核分) lists the two credits, not the 可兑换分 entries
  const history = await cloud.call('points', 'history', { page: 1, pageSize: 20 }, 'm1');
  expect(history.data.items.map((e: { cause: string }) => e.cause).sort()).toEqual(['adjust', 'adjust']);
  // per-member limit 1
  const second = await call('redeem', { itemId: item.id, requestId: 'req-m1-2' }, 'm1');
  expect(second).toMatchObject({ ok: false, code: 'LIMIT_REACHED' });
  await checkParts();
});

it('100 concurrent redemptions of the last 3 pieces: exactly 3, stock 0, balances exact', async () => {
  const who = members(100);
  await seedCredits(who, 40);
  const item = await newItem({ stock: 3, price: 25 });
  const results = await concurrently(who.map((openid, i) => ({ openid, action: 'redeem', data: { itemId: item.id, requestId: `race-${i}-abcdef` } })));
  const won = results.filter((r) => r.ok);
  expect(won).toHaveLength(3);
  for (const r of results.filter((x) => !x.ok)) expect(['SOLD_OUT', 'CONFLICT']).toContain(r.code);
  const stored = (await cloud.db.collection('redeemItems').doc(item.id).get()).data;
  expect({ stock: stored.stock, redeemed: stored.redeemed }).toEqual({ stock: 0, redeemed: 3 });
  expect(await all('redemptions')).toHaveLength(3);
  const winners = new Set(won.map((r) => r.data.redemption.id));
  expect(winners.size).toBe(3);
  const { balances } = await checkParts();
  const spent = balances.filter((b) => b.spendable === 15);
  expect(spent).toHaveLength(3);
  expect(balances.filter((b) => b.spendable === 40)).toHaveLength(97);
  expect(balances.every((b) => b.points === 40)).toBe(true);
  expect(await all('ledger', { cause: 'spend' })).toHaveLength(3);
});

it('a code handed over twice (also at once) is handed over once; then it cannot be cancelled', async () => {
  await credit(['m1'], 100);
  const item = await newItem();
  const r = await call('redeem', { itemId: item.id }, 'm1');
  const code = r.data.redemption.code;
  const look = await call('lookup', { code: ` SBDR1.${code} ` }, ADMIN_A);
  expect(look.data.redemption).toMatchObject({ status: 'open', memberName: '党员m1' });
  const both = await concurrently([{ openid: ADMIN_A, action: 'handOver', data: { code } }, { openid: ADMIN_A, action: 'handOver', data: { code } }]);
  expect(both.filter((x) => x.ok)).toHaveLength(1);
  expect(both.find((x) => !x.ok)).toMatchObject({ code: 'ALREADY_HANDED' });
  expect(await call('handOver', { code }, ADMIN_A)).toMatchObject({ ok: false, code: 'ALREADY_HANDED' });
  expect(await call('cancel', { id: r.data.redemption.id }, 'm1')).toMatchObject({ ok: false, code: 'ALREADY_HANDED' });
  // another community's admin cannot hand it over; a wrong code is named as such
  expect(await call('handOver', { code }, 'adm-comm-b')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  expect(await call('lookup', { code: '12345678' }, ADMIN_A)).toMatchObject({ ok: false, code: 'CODE_NOT_FOUND' });
  expect(await call('lookup', { code: 'abc' }, ADMIN_A)).toMatchObject({ ok: false, code: 'CODE_NOT_FOUND' });
  const stored = (await cloud.db.collection('redeemItems').doc(item.id).get()).data;
  expect(stored.stock).toBe(2);
  expect((await call('summary', {}, 'm1')).data.spendable).toBe(70);
});

it('cancel before hand-over refunds exactly once under concurrent cancels (member, admin, timer)', async () => {
  await credit(['m1'], 100);
  const item = await newItem({ stock: 1 });
  const r = await call('redeem', { itemId: item.id }, 'm1');
  expect((await call('summary', {}, 'm1')).data.spendable).toBe(70);
  const id = r.data.redemption.id;
  const results = await concurrently([
    { openid: 'm1', action: 'cancel', data: { id } },
    { openid: 'm1', action: 'cancel', data: { id } },
    { openid: ADMIN_A, action: 'cancel', data: { id, reason: '物品损坏' } },
    { openid: 'm1', action: 'cancel', data: { id } },
  ]);
  expect(results.filter((x) => x.ok)).toHaveLength(1);
  for (const x of results.filter((y) => !y.ok)) expect(x.code).toBe('ALREADY_CANCELLED');
  expect(await all('ledger', { cause: 'refund' })).toHaveLength(1);
  expect((await call('summary', {}, 'm1')).data.spendable).toBe(100);
  const stored = (await cloud.db.collection('redeemItems').doc(item.id).get()).data;
  expect({ stock: stored.stock, redeemed: stored.redeemed }).toEqual({ stock: 1, redeemed: 0 });
  expect(await call('handOver', { code: r.data.redemption.code }, ADMIN_A)).toMatchObject({ ok: false, code: 'ALREADY_CANCELLED' });
  // the limit place is given back: the member may redeem again
  expect((await call('redeem', { itemId: item.id }, 'm1')).ok).toBe(true);
  // an admin must give a reason; another member cannot cancel
  const open = (await call('mine', { status: 'open' }, 'm1')).data.items[0];
  expect(await call('cancel', { id: open.id }, 'm2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await call('cancel', { id: open.id }, ADMIN_A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  await checkParts();
  // the nightly reconciliation agrees: every part of every balance equals the sums of its entries
  expect(await cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'nightly', Time: new Date(T0).toISOString() })).toMatchObject({ drifts: 0 });
});

it('expiry: what a year earned expires after the following year, by a timer that is idempotent and takes its clock', async () => {
  await credit(['m1'], 60, new Date(Date.parse('2025-06-01T02:00:00Z')));
  await credit(['m1'], 10, new Date(T0));
  // 2026: both years are usable
  expect((await call('summary', {}, 'm1')).data).toMatchObject({ spendable: 70, assessed: 10 });
  // spend 30: the older year pays first (the code stays open past the new year)
  const item = await newItem({ validTo: new Date(T0 + 90 * 86_400_000).toISOString() });
  await call('redeem', { itemId: item.id }, 'm1');
  const b25 = (await cloud.db.collection('balances').doc('2025:m1').get()).data;
  expect(b25.spendable).toBe(30);
  // before the end of 2026 nothing expires
  const early = await runTimers({ db: cloud.db, now: new Date(Date.parse('2026-12-31T15:59:00Z')) });
  expect(early.expired).toBe(0);
  // after: 2025's rest expires, once, however often the timer runs
  const jan = new Date(Date.parse('2026-12-31T16:00:00Z'));
  const first = await runTimers({ db: cloud.db, now: jan });
  const second = await runTimers({ db: cloud.db, now: jan });
  expect(first).toMatchObject({ expired: 1, expiredPoints: 30 });
  expect(second).toMatchObject({ expired: 0, expiredPoints: 0 });
  expect(await all('ledger', { cause: 'expire' })).toHaveLength(1);
  expect((await cloud.db.collection('balances').doc('2025:m1').get()).data).toMatchObject({ spendable: 0, points: 60 });
  jest.setSystemTime(jan);
  expect((await call('summary', {}, 'm1')).data).toMatchObject({ spendable: 10, parts: [{ year: 2026, spendable: 10 }] });
  await checkParts();
});

it('an uncollected code lapses at its deadline and is refunded once by the timer', async () => {
  await credit(['m1'], 50);
  const item = await newItem({ validTo: new Date(T0 + 86_400_000).toISOString() });
  const r = await call('redeem', { itemId: item.id }, 'm1');
  const due = new Date(Date.parse(r.data.redemption.expiresAt) + 1000);
  const a = await runTimers({ db: cloud.db, now: due });
  const b = await runTimers({ db: cloud.db, now: due });
  expect(a.lapsed).toBe(1);
  expect(b.lapsed).toBe(0);
  expect((await cloud.db.collection('redemptions').doc(r.data.redemption.id).get()).data.status).toBe('cancelled');
  expect(await all('ledger', { cause: 'refund' })).toHaveLength(1);
  await checkParts();
});

it('a district that turns material rewards off shows and allows honours only; settings are the district admin\'s', async () => {
  await credit(['m1'], 100);
  const goods = await newItem();
  const honour = await newItem({ kind: 'honour', title: '优秀志愿者证书', price: 20 });
  expect(await call('setSettings', { districtId: 'd1', materialOff: true, ratio: 1, validYears: 1 }, ADMIN_A)).toMatchObject({ ok: false });
  await cloud.db.collection('admins').add({ data: { _id: 'district:d1:adm-d', openid: 'adm-d', role: 'district', scopeId: 'd1', name: '区', createdAt: new Date() } });
  expect((await call('setSettings', { districtId: 'd1', materialOff: true, ratio: 1, validYears: 1 }, 'adm-d')).ok).toBe(true);
  const cat = await call('catalogue', {}, 'm1');
  expect(cat.data.materialOff).toBe(true);
  expect(cat.data.items.map((i: any) => i.id)).toEqual([honour.id]);
  expect(await call('redeem', { itemId: goods.id }, 'm1')).toMatchObject({ ok: false, code: 'MATERIAL_OFF' });
  expect((await call('redeem', { itemId: honour.id }, 'm1')).ok).toBe(true);
  expect((await call('settings', { scopeId: 'cA' }, ADMIN_A)).data).toMatchObject({ districtId: 'd1', materialOff: true, canEdit: false });
});

it('refuses bad input with clear codes: not enough points, other community, sold out, window', async () => {
  await credit(['m1'], 10);
  const item = await newItem();
  expect(await call('redeem', { itemId: item.id }, 'm1')).toMatchObject({ ok: false, code: 'NOT_ENOUGH_POINTS' });
  expect(await call('redeem', { itemId: item.id }, 'outsider')).toMatchObject({ ok: false, code: 'ITEM_NOT_FOUND' });
  const bad = await call('saveItem', { communityId: 'cA', kind: 'goods', title: '毛巾', price: 5, stock: 1, validFrom: new Date(T0).toISOString(), validTo: new Date(T0 - 1).toISOString() }, ADMIN_A);
  expect(bad).toMatchObject({ ok: false, code: 'INVALID_WINDOW' });
  expect(await call('saveItem', { communityId: 'cA', kind: 'goods', title: '毛巾', price: 5, stock: 1, validFrom: new Date(T0).toISOString(), validTo: new Date(T0 + 1000).toISOString() }, 'm1')).toMatchObject({ ok: false });
  const empty = await newItem({ stock: 0 });
  await credit(['m2'], 100);
  expect(await call('redeem', { itemId: empty.id }, 'm2')).toMatchObject({ ok: false, code: 'SOLD_OUT' });
});
