/**
 * 复核 (second approver) of hand-made credits: an adjustment above the rule's `reviewAbove` and a
 * manual attendance are posted HELD — they count nowhere (balance, ranking) and are not published —
 * until a second admin of the community approves; the maker cannot approve their own, an admin of
 * another community cannot; two approvals at once decide once; a rejection (with reason) is recorded;
 * both through the one ledger path, and reconcile finds the balances equal to their entries.
 */
import { award, reverse } from '../../functions/_shared/ledger';
import { decideReview } from '../../functions/_shared/review';
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, all, ledgerCtx, put, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
jest.setTimeout(30_000);
beforeEach(() => { jest.useFakeTimers({ doNotFake: fakeDateOnly() }); jest.setSystemTime(WED); });
afterEach(() => jest.useRealTimers());
afterAll(() => cloud.stop());

// made on Wednesday 2026-11-18 (China time); the 公示 timer runs Monday 2026-11-23 01:00 and 2026-11-30 01:00
const WED = new Date('2026-11-18T02:00:00Z');
const TUE = new Date('2026-11-24T02:00:00Z');
const MON1 = new Date('2026-11-22T17:00:00Z');
const MON2 = new Date('2026-11-29T17:00:00Z');
const timer = (at: Date) => cloud.invoke('gongshi', { Type: 'Timer', TriggerName: 'daily', Time: at.toISOString() });
const bal = async (openid: string) => (await all<any>(cloud, 'balances', { openid }))[0];
const review = (who: string, data: Record<string, unknown>) => cloud.call('gongshi', 'review', data, who);

test('held until a second admin of the community approves; never the maker, never another community; approved once; rejected with a reason', async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { name: '张三丰', communityId: 'c1' });
  addMember(cloud, 'm2', { name: '李四', communityId: 'c1' });
  addMember(cloud, 'a1', { name: '王管理', communityId: 'c1' });
  addAdmin(cloud, 'community', 'c1', 'a1');
  addAdmin(cloud, 'community', 'c1', 'a2');
  addAdmin(cloud, 'community', 'c1', 'a4');
  addAdmin(cloud, 'community', 'c2', 'a3');

  // above the default threshold (20): held; at or below it: a plain pending credit
  const big = await cloud.call('points', 'adjust', { openid: 'm1', amount: 30, reason: '抗疫值守补记', requestId: 'req-adj-big' }, 'a1');
  expect(big).toMatchObject({ ok: true, data: { held: true, created: true, points: 0, entry: { amount: 0, review: 'held', heldAmount: 30 } } });
  expect(big.data.entry.title).toContain('手工录入 · 待复核');
  const small = await cloud.call('points', 'adjust', { openid: 'm1', amount: 5, reason: '会议服务', requestId: 'req-adj-small' }, 'a1');
  expect(small).toMatchObject({ ok: true, data: { held: false, entry: { amount: 5 } } });
  // manual attendance (补录) recorded by a1: held too, whoever confirms it
  await award(ledgerCtx(cloud, WED), { openid: 'm2', cause: 'attendance', sourceId: 't9', communityId: 'c1', minutes: 60, at: WED, actor: 'a2', manualBy: 'a1', title: '社区清洁' });

  // counts nowhere: balance, ranking; waits in the queue; the other admins are told, never the maker
  expect(await bal('m1')).toMatchObject({ points: 5, pending: 5, effective: 0 });
  expect(await bal('m2')).toMatchObject({ points: 0, pending: 0, effective: 0, minutes: 0 });
  expect((await cloud.call('points', 'balance', {}, 'm1')).data).toMatchObject({ pending: 5 });
  const queue = await cloud.call('gongshi', 'reviews', { communityId: 'c1' }, 'a2');
  expect(queue.data.items.map((r: any) => [r.name, r.kind, r.amount, r.makerName, r.mine]).sort()).toEqual([
    ['张三丰', 'adjust', 30, '王管理', false], ['李四', 'attendance', 7, '王管理', false],
  ].sort());
  expect((await cloud.call('gongshi', 'reviews', { communityId: 'c1' }, 'a1')).data.items.every((r: any) => r.mine)).toBe(true);
  expect(await cloud.call('gongshi', 'reviews', { communityId: 'c1' }, 'a3')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  const told = (await all<any>(cloud, 'outbox')).filter((o) => o.key.startsWith('review-wait:'));
  expect(told.map((o) => o.openid).sort()).toEqual(['a2', 'a2', 'a4', 'a4']);

  // not in 公示 before approval: the first Monday publishes only the small credit
  expect(await timer(MON1)).toMatchObject({ published: 1 });
  expect((await all<any>(cloud, 'gongshiItems')).map((i) => i._id)).toEqual(['adjust:req-adj-small:m1']);
  // a held entry cannot be reversed (nothing counted)
  await expect(reverse(ledgerCtx(cloud, WED), { entryId: 'adjust:req-adj-big:m1', reason: '错了', actor: 'a2' })).rejects.toMatchObject({ code: 'REVIEW_ENTRY' });

  jest.setSystemTime(TUE);
  const id = 'adjust:req-adj-big:m1';
  expect(await review('a1', { reviewId: id, decision: 'approve', requestId: 'req-rv-own' })).toMatchObject({ ok: false, code: 'SECOND_APPROVER_REQUIRED' });
  expect(await review('a3', { reviewId: id, decision: 'approve', requestId: 'req-rv-far' })).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  expect(await review('m2', { reviewId: id, decision: 'approve', requestId: 'req-rv-m2' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

  // four approvals at once (a2 twice with different taps, a4 twice straight through the shared path): one decides
  const direct = () => decideReview({ db: cloud.db, now: TUE }, { reviewId: id, decision: 'approve', actor: 'a4' }, async () => undefined).then((r) => ({ ok: true, r }), (e) => ({ ok: false, code: e.code }));
  const results = await Promise.all([
    review('a2', { reviewId: id, decision: 'approve', requestId: 'req-rv-a2-1' }),
    review('a2', { reviewId: id, decision: 'approve', requestId: 'req-rv-a2-2' }),
    direct(), direct(),
  ]);
  expect(results.filter((r: any) => r.ok)).toHaveLength(1);
  for (const r of results.filter((x: any) => !x.ok)) expect(['ALREADY_REVIEWED', 'CONFLICT']).toContain((r as any).code);
  expect(await all<any>(cloud, 'ledger', { _id: `approve:${id}` })).toEqual([expect.objectContaining({ amount: 30, pending: 30, effective: 0, review: 'approved', cause: 'adjust' })]);
  // the same tap again answers what it decided (no second entry)
  const okTap = results.findIndex((r: any) => r.ok);
  if (okTap < 2) expect(await review('a2', { reviewId: id, decision: 'approve', requestId: okTap === 0 ? 'req-rv-a2-1' : 'req-rv-a2-2' })).toMatchObject({ ok: true, data: { review: { status: 'approved' } } });
  expect(await all<any>(cloud, 'ledger', { review: 'approved' })).toHaveLength(1);
  expect(await bal('m1')).toMatchObject({ points: 35, pending: 35, effective: 0 });
  // approved: pending, still not ranked; it enters the NEXT 公示, marked hand-made
  expect((await cloud.call('points', 'ranking', { scope: 'community' }, 'm1')).data.mine).toMatchObject({ points: 0 });
  expect(await timer(MON2)).toMatchObject({ published: 1 });
  expect((await all<any>(cloud, 'gongshiItems', { _id: `approve:${id}` }))[0]).toMatchObject({ handMade: true, amount: 30 });
  const listed = (await cloud.call('gongshi', 'list', {}, 'm2')).data.items[0].items;
  expect(listed).toEqual([expect.objectContaining({ name: '张*丰', amount: 30, handMade: true })]);
  expect((await all<any>(cloud, 'outbox', { openid: 'm1' })).map((o) => o.title)).toContain('手工录入的积分已复核');

  // rejection: a reason is required; recorded as an entry of its own; nothing counts
  const att = 'attendance:t9:m2';
  expect(await review('a2', { reviewId: att, decision: 'reject', requestId: 'req-rj-0' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  expect(await review('a2', { reviewId: att, decision: 'reject', reason: '当天签到表上没有此人', requestId: 'req-rj-1' })).toMatchObject({ ok: true, data: { review: { status: 'rejected', decisionReason: '当天签到表上没有此人' } } });
  expect(await review('a4', { reviewId: att, decision: 'approve', requestId: 'req-rj-2' })).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
  expect(await all<any>(cloud, 'ledger', { _id: `reject:${att}` })).toEqual([expect.objectContaining({ amount: 0, minutes: 0, review: 'rejected', reason: '当天签到表上没有此人' })]);
  expect(await bal('m2')).toMatchObject({ points: 0, pending: 0, minutes: 0 });

  // marked in the member's 积分明细: the proposal with its outcome, the approved credit
  const hist = (await cloud.call('points', 'history', {}, 'm1')).data.items;
  expect(hist.map((e: any) => e.title)).toEqual(expect.arrayContaining([expect.stringContaining('手工录入 · 已复核'), expect.stringContaining('已提交复核（已通过）')]));
  const hist2 = (await cloud.call('points', 'history', {}, 'm2')).data.items;
  expect(hist2.map((e: any) => [e.review, e.decided ?? null])).toEqual(expect.arrayContaining([['held', 'rejected'], ['rejected', null]]));
  expect(await cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'nightly', Time: MON2.toISOString() })).toMatchObject({ drifts: 0 });

  // hours: the 记实档案, a certificate (and the letters, which add up the same lines) count confirmed and
  // approved attendance only — not t9 (rejected) nor t8 (hand-made, still awaiting 复核)
  const task = (id: string, title: string) => ({ _id: id, title, communityId: 'c1', communityName: '东湖社区', startAt: WED, endAt: new Date(WED.getTime() + 3_600_000) });
  put(cloud, 'tasks', [task('t9', '社区清洁'), task('t8', '楼道清理'), task('t7', '反诈宣传')]);
  put(cloud, 'signups', [
    { _id: 't9:m2', taskId: 't9', openid: 'm2', confirmed: true, minutes: 60, manualBy: 'a1' },
    { _id: 't8:m2', taskId: 't8', openid: 'm2', confirmed: true, minutes: 90, manualBy: 'a1' },
    { _id: 't7:m2', taskId: 't7', openid: 'm2', confirmed: true, minutes: 30 },
  ]);
  await award(ledgerCtx(cloud, WED), { openid: 'm2', cause: 'attendance', sourceId: 't8', communityId: 'c1', minutes: 90, at: WED, actor: 'a2', manualBy: 'a1', title: '楼道清理' });
  await award(ledgerCtx(cloud, WED), { openid: 'm2', cause: 'attendance', sourceId: 't7', communityId: 'c1', minutes: 30, at: WED, actor: 'a2', manualBy: null, title: '反诈宣传' });
  const rec = (await cloud.call('record', 'timeline', {}, 'm2')).data;
  expect(rec.summary).toMatchObject({ tasks: 1, minutes: 30 });
  expect(rec.items.filter((i: any) => i.kind === 'task').map((i: any) => [i.title, i.minutes, i.status]).sort()).toEqual([
    ['反诈宣传', 30, '已确认'], ['楼道清理', 0, '待复核'], ['社区清洁', 0, '复核驳回'],
  ]);
  const cert = (await cloud.call('record', 'requestCertificate', { from: '2026-11-01', to: '2026-11-24', requestId: 'req-cert-m2' }, 'm2')).data.certificate;
  expect((await cloud.call('record', 'issueCertificate', { id: cert.id }, 'a2')).data.certificate).toMatchObject({ status: 'issued', minutes: 30, tasks: 1 });
});
