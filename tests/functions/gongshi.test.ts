/**
 * 积分公示: new credits are pending; the daily timer (clock injected through the trigger's Time)
 * publishes a community's week as one batch (names masked), makes credits effective after the window
 * — never a frozen one — and running it twice changes nothing more; an objection freezes an item;
 * 调整 posts a reversal and a corrected credit; every balance part equals the sum of its entries.
 */
import { award, makeEffective } from '../../functions/_shared/ledger';
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, all, ledgerCtx, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
jest.setTimeout(30_000);
// the members' and admins' calls happen at a faked "now" (Date only); the timer takes its clock from the trigger
beforeEach(() => { jest.useFakeTimers({ doNotFake: fakeDateOnly() }); jest.setSystemTime(new Date('2026-11-24T02:00:00Z')); });
afterEach(() => jest.useRealTimers());
afterAll(() => cloud.stop());

// Wednesday 2026-11-18 10:00 China time; the timer runs on the following Monday 01:00 China time
const WED = new Date('2026-11-18T02:00:00Z');
const MON = new Date('2026-11-22T17:00:00Z');
// the batch published Monday with 5 working days ends Saturday 2026-11-28 00:00 China time
const AFTER_WINDOW = new Date('2026-11-28T01:00:00Z');
const timer = (at: Date) => cloud.invoke('gongshi', { Type: 'Timer', TriggerName: 'daily', Time: at.toISOString() });
const snapshot = async () => ({
  ledger: await all<any>(cloud, 'ledger'), balances: await all<any>(cloud, 'balances'),
  items: await all<any>(cloud, 'gongshiItems'), batches: await all<any>(cloud, 'gongshiBatches'),
});
const bal = async (openid: string) => (await all<any>(cloud, 'balances', { openid }))[0];

async function setUp() {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { name: '张三丰', communityId: 'c1' });
  addMember(cloud, 'm2', { name: '李四', communityId: 'c1' });
  addMember(cloud, 'm3', { name: '王五', communityId: 'c1' });
  addMember(cloud, 'far', { name: '赵六', communityId: 'c3' });
  addAdmin(cloud, 'community', 'c1', 'a1');
  const ctx = ledgerCtx(cloud, WED);
  await award(ctx, { openid: 'm1', cause: 'attendance', sourceId: 't1', communityId: 'c1', minutes: 60, at: WED, actor: 'a1' });
  await award(ctx, { openid: 'm3', cause: 'attendance', sourceId: 't1', communityId: 'c1', minutes: 60, at: WED, actor: 'a1' });
}

test('pending never counts in rankings; the window passes → effective; timers are idempotent', async () => {
  await setUp();
  expect(await bal('m1')).toMatchObject({ points: 7, pending: 7, effective: 0 });
  let rank = await cloud.call('points', 'ranking', { scope: 'community' }, 'm1');
  expect(rank.data.items.map((r: any) => r.points)).toEqual([0, 0]);
  expect(rank.data.mine).toMatchObject({ points: 0 });
  expect((await cloud.call('points', 'balance', {}, 'm1')).data).toMatchObject({ points: 0, pending: 7, effective: 0 });

  // before the week is over nothing is published
  expect(await timer(new Date('2026-11-20T02:00:00Z'))).toMatchObject({ published: 0, batches: 0 });
  expect(await timer(MON)).toMatchObject({ published: 2, batches: 1, effective: 0 });
  const once = await snapshot();
  expect(await timer(MON)).toMatchObject({ published: 0, batches: 0, effective: 0 });
  expect(await snapshot()).toEqual(once);
  expect(once.batches).toEqual([expect.objectContaining({ _id: 'c1:2026-11-16', days: 5, items: 2, endsAt: new Date('2026-11-27T16:00:00Z') })]);
  // 公示 start: each member whose credit is in the batch is told once (the rerun above added nothing)
  const started = (await all<any>(cloud, 'outbox')).filter((o) => o.key.startsWith('gongshi-start:'));
  expect(started.map((o) => [o.key, o.openid]).sort()).toEqual([['gongshi-start:c1:2026-11-16:m1', 'm1'], ['gongshi-start:c1:2026-11-16:m3', 'm3']]);
  expect(started[0].body).toMatch(/\+7 分已在社区公示，公示至 .*期满无异议即生效/);

  // members of the community see it, names masked (their own in full); other communities do not
  const seen = await cloud.call('gongshi', 'list', {}, 'm2');
  expect(seen.data.items[0]).toMatchObject({ id: 'c1:2026-11-16', communityName: '和平社区' });
  expect(seen.data.items[0].items.map((i: any) => [i.name, i.amount, i.status])).toEqual([['张*丰', 7, 'open'], ['王*', 7, 'open']]);
  expect((await cloud.call('gongshi', 'list', {}, 'm1')).data.items[0].items[0]).toMatchObject({ name: '张三丰', isMe: true });
  expect((await cloud.call('gongshi', 'list', {}, 'far')).data.items).toEqual([]);

  // still inside the window: nothing effective; after it: effective, ranked, and a second run changes nothing
  expect(await timer(new Date('2026-11-27T10:00:00Z'))).toMatchObject({ effective: 0 });
  expect(await timer(AFTER_WINDOW)).toMatchObject({ effective: 2 });
  const after = await snapshot();
  expect(await timer(AFTER_WINDOW)).toMatchObject({ published: 0, effective: 0 });
  expect(await snapshot()).toEqual(after);
  expect(await bal('m1')).toMatchObject({ points: 7, pending: 0, effective: 7 });
  expect(after.ledger.filter((e) => e.cause === 'effect')).toHaveLength(2);
  // 公示 end: one notice per member of what became effective, not repeated by the second run
  const ended = (await all<any>(cloud, 'outbox')).filter((o) => o.key.startsWith('gongshi-end:'));
  expect(ended.map((o) => o.openid).sort()).toEqual(['m1', 'm3']);
  expect(ended[0].body).toMatch(/公示期满，您的 \+7 分已生效/);
  rank = await cloud.call('points', 'ranking', { scope: 'community' }, 'm1');
  expect(rank.data.mine).toMatchObject({ rank: 1, points: 7 });
  expect(await cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'nightly', Time: AFTER_WINDOW.toISOString() })).toMatchObject({ drifts: 0 });
});

test('an objection freezes the item until ruled; 调整 posts a reversal and a corrected credit that becomes effective', async () => {
  await setUp();
  await timer(MON);
  const itemId = 'attendance:t1:m1';
  // own item, another community, too short a reason: refused
  expect(await cloud.call('gongshi', 'object', { itemId, reason: '我觉得有问题的', requestId: 'req-own-1' }, 'm1')).toMatchObject({ ok: false, code: 'OWN_ITEM' });
  expect(await cloud.call('gongshi', 'object', { itemId, reason: '我觉得有问题的', requestId: 'req-far-1' }, 'far')).toMatchObject({ ok: false, code: 'NOT_IN_COMMUNITY' });
  expect(await cloud.call('gongshi', 'object', { itemId, reason: '短', requestId: 'req-short' }, 'm2')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  const [first, again] = await Promise.all([
    cloud.call('gongshi', 'object', { itemId, reason: '那天他只待了半小时', requestId: 'req-obj-1' }, 'm2'),
    cloud.call('gongshi', 'object', { itemId, reason: '那天他只待了半小时', requestId: 'req-obj-1' }, 'm2'),
  ]);
  expect(first).toMatchObject({ ok: true });
  expect([first.data.created, again.data.created].sort()).toEqual([false, true]);
  expect(await all<any>(cloud, 'objections')).toHaveLength(1);
  expect((await all<any>(cloud, 'gongshiItems', { _id: itemId }))[0]).toMatchObject({ status: 'frozen', objections: 1 });
  // the admin is told
  expect((await all<any>(cloud, 'outbox', { openid: 'a1' })).map((o) => o.title)).toContain('积分公示收到异议');

  jest.setSystemTime(new Date('2026-11-29T02:00:00Z'));
  expect(await cloud.call('gongshi', 'object', { itemId: 'attendance:t1:m3', reason: '公示已经结束了吧', requestId: 'req-late-1' }, 'm2')).toMatchObject({ ok: false, code: 'GONGSHI_CLOSED' });
  // the window passes: the frozen item stays pending (twice), the other one becomes effective
  expect(await timer(AFTER_WINDOW)).toMatchObject({ effective: 1 });
  expect(await timer(AFTER_WINDOW)).toMatchObject({ effective: 0 });
  expect(await bal('m1')).toMatchObject({ pending: 7, effective: 0 });
  expect(await all<any>(cloud, 'ledger', { _id: 'effect:attendance:t1:m1' })).toHaveLength(0);

  // only the community's admin rules; 调整 needs an amount
  const objectionId = first.data.objectionId;
  expect(await cloud.call('gongshi', 'rule', { objectionId, decision: 'adjust', reason: '核实后半小时' }, 'a1')).toMatchObject({ ok: false, code: 'AMOUNT_REQUIRED' });
  expect(await cloud.call('gongshi', 'rule', { objectionId, decision: 'keep', reason: '无理由' }, 'm3')).toMatchObject({ ok: false });
  const ruled = await cloud.call('gongshi', 'rule', { objectionId, decision: 'adjust', amount: 3, reason: '核实签到记录，只服务半小时' }, 'a1');
  expect(ruled).toMatchObject({ ok: true, data: { objection: { status: 'ruled', ruling: { decision: 'adjust', amount: 3 } } } });
  expect(await cloud.call('gongshi', 'rule', { objectionId, decision: 'keep', reason: '再来一次' }, 'a1')).toMatchObject({ ok: false, code: 'ALREADY_RULED' });
  const ledger = await all<any>(cloud, 'ledger', { openid: 'm1' });
  expect(ledger.map((e) => [e.cause, e.amount, e.pending, e.effective]).sort()).toEqual([
    ['adjust', 3, 3, 0], ['attendance', 7, 7, 0], ['reversal', -7, -7, 0],
  ].sort());
  // the original entry is untouched
  expect(ledger.find((e) => e._id === itemId)).toMatchObject({ amount: 7, pending: 7, effective: 0 });
  expect(await bal('m1')).toMatchObject({ points: 3, pending: 3, effective: 0 });
  // member and objector are told
  expect((await all<any>(cloud, 'outbox', { openid: 'm1' })).map((o) => o.title)).toContain('您的积分公示异议已处理');
  expect((await all<any>(cloud, 'outbox', { openid: 'm2' })).map((o) => o.title)).toContain('您提出的公示异议已处理');

  jest.setSystemTime(new Date('2026-11-30T02:00:00Z'));
  // ruled after the window: the next run makes the corrected amount effective, once; the correction is not published again
  expect(await timer(AFTER_WINDOW)).toMatchObject({ effective: 1 });
  expect(await timer(new Date('2026-12-07T17:00:00Z'))).toMatchObject({ published: 0, effective: 0 });
  expect(await bal('m1')).toMatchObject({ points: 3, pending: 0, effective: 3 });
  const view = (await cloud.call('gongshi', 'list', {}, 'm2')).data.items[0].items[0];
  expect(view).toMatchObject({ amount: 3, originalAmount: 7, status: 'effective', objected: true, ruling: { decision: 'adjust' } });
  expect(await cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'nightly', Time: AFTER_WINDOW.toISOString() })).toMatchObject({ drifts: 0 });
});

test('撤销 reverses the credit and it never becomes effective; a credit reversed by hand is marked revoked', async () => {
  await setUp();
  await timer(MON);
  const o = await cloud.call('gongshi', 'object', { itemId: 'attendance:t1:m1', reason: '他那天根本没来', requestId: 'req-obj-2' }, 'm2');
  expect(await cloud.call('gongshi', 'rule', { objectionId: o.data.objectionId, decision: 'revoke', reason: '核实未到场' }, 'a1')).toMatchObject({ ok: true });
  // m3's credit is reversed by an admin during the window
  expect(await cloud.call('points', 'reverse', { entryId: 'attendance:t1:m3', reason: '重复记录' }, 'a1')).toMatchObject({ ok: true });
  await timer(AFTER_WINDOW);
  expect(await bal('m1')).toMatchObject({ points: 0, pending: 0, effective: 0 });
  expect(await bal('m3')).toMatchObject({ points: 0, pending: 0, effective: 0 });
  expect((await all<any>(cloud, 'gongshiItems')).map((i) => [i._id, i.status]).sort()).toEqual([['attendance:t1:m1', 'revoked'], ['attendance:t1:m3', 'revoked']]);
  expect(await makeEffective(ledgerCtx(cloud, AFTER_WINDOW), 'attendance:t1:m1', 'x')).toBeNull();
});
