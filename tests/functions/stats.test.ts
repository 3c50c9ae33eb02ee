/**
 * Dashboards (functions/stats): every metric on a constructed data set with known answers, a move
 * (the member counts in the new community only from the move date), scope refusal, an idempotent
 * roll-up, and the exact round trips of a dashboard read.
 */
import ExcelJS from 'exceljs';
import { DEFAULT_THRESHOLDS, METRICS, valueOf, type Counters } from '../../core/domain/stats';
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, ORGS, put } from './points.fixture';

jest.setTimeout(60_000);
let cloud: TestCloud;
// 2026-06-20 12:00 China time
const NOW = Date.UTC(2026, 5, 20, 4);
const D = (s: string) => new Date(`${s}T10:00:00+08:00`);

beforeAll(async () => {
  cloud = await startTestCloud();
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  jest.setSystemTime(NOW);
  put(cloud, 'orgs', [
    ...ORGS,
    // 网格 of 和平社区 (c1); c2 has none
    { _id: 'g1', kind: 'grid', name: '一网格', parentId: 'c1', path: ['d1', 's1', 'c1'] },
    { _id: 'g2', kind: 'grid', name: '二网格', parentId: 'c1', path: ['d1', 's1', 'c1'] },
  ]);
  put(cloud, 'units', [
    { _id: 'u1', name: '市财政局', communityId: 'c1', streetId: 's1', districtId: 'd1', inviteCode: 'AAA111' },
    { _id: 'u2', name: '光明医院', communityId: 'c3', streetId: 's2', districtId: 'd1', inviteCode: 'BBB222' },
  ]);
  put(cloud, 'members', [
    { _id: 'm1', name: '甲', unitId: 'u1', unitStatus: 'verified', communityId: 'c1' },
    { _id: 'm2', name: '乙', unitId: 'u1', unitStatus: 'verified', communityId: null },
    { _id: 'm3', name: '丙', unitId: null, communityId: 'c2' },
    { _id: 'm4', name: '丁', unitId: 'u2', unitStatus: 'verified', communityId: 'c3' },
    { _id: 'm5', name: '戊', unitId: 'u2', unitStatus: 'pending', communityId: 'c3' },
  ]);
  put(cloud, 'reports', [
    { _id: 'r1', openid: 'm1', communityId: 'c1', gridId: 'g1', status: 'approved', createdAt: D('2026-01-09'), decidedAt: D('2026-01-10') },
    { _id: 'r3', openid: 'm3', communityId: 'c2', gridId: 'g1', status: 'approved', createdAt: D('2026-02-01'), decidedAt: D('2026-02-01') },
    // m4 moves from c1 to c3 on 2026-06-10
    { _id: 'r4a', openid: 'm4', communityId: 'c1', gridId: 'g2', status: 'closed', createdAt: D('2026-01-05'), decidedAt: D('2026-01-05'), closedAt: D('2026-06-10'), movedTo: 'c3' },
    { _id: 'r4b', openid: 'm4', communityId: 'c3', status: 'approved', createdAt: D('2026-06-10'), decidedAt: D('2026-06-10'), moveFrom: 'c1' },
    { _id: 'r5', openid: 'm5', communityId: 'c3', status: 'approved', createdAt: D('2026-03-01'), decidedAt: D('2026-03-01') },
    { _id: 'r2', openid: 'm2', communityId: 'c1', status: 'pending', createdAt: D('2026-06-01') },
  ]);
  put(cloud, 'unitReports', [{ _id: 'ur1', unitId: 'u1', unitName: '市财政局', communityId: 'c1', status: 'approved', createdAt: D('2026-02-01'), decidedAt: D('2026-02-01'), resources: [] }]);
  const task = (id: string, c: string, status: string, slots: number, signed: number, published: string, start: string, source: unknown = null) =>
    ({ _id: id, communityId: c, status, slots, signed, publishedAt: D(published), createdAt: D(published), startAt: D(start), endAt: D(start), source });
  put(cloud, 'tasks', [
    task('t1', 'c1', 'finished', 2, 2, '2026-06-02', '2026-06-03'),
    task('t2', 'c3', 'published', 3, 1, '2026-06-12', '2026-06-15'),
    task('t3', 'c2', 'cancelled', 1, 0, '2026-05-10', '2026-05-11', { kind: 'need', id: 'n1' }),
  ]);
  put(cloud, 'signups', [
    { _id: 't1:m1', taskId: 't1', openid: 'm1', status: 'signed', confirmed: true, minutes: 120 },
    { _id: 't1:m4', taskId: 't1', openid: 'm4', status: 'signed', confirmed: true, minutes: 60 },
    { _id: 't2:m4', taskId: 't2', openid: 'm4', status: 'signed', confirmed: true, minutes: 90 },
    { _id: 't2:m5', taskId: 't2', openid: 'm5', status: 'signed', confirmed: true, noshow: true, minutes: 0 },
  ]);
  put(cloud, 'needs', [
    { _id: 'n1', communityId: 'c2', title: '助老', status: 'matched', createdAt: D('2026-05-08') },
    { _id: 'n2', communityId: 'c2', title: '修车棚', status: 'open', createdAt: D('2026-05-20') },
  ]);
  put(cloud, 'projects', [
    { _id: 'p1', communityId: 'c1', title: '义诊', status: 'done', createdAt: D('2026-06-01'), unitId: 'u1' },
    { _id: 'p2', communityId: 'c1', title: '读书角', status: 'active', createdAt: D('2026-06-05'), unitId: null },
  ]);
  put(cloud, 'wishes', [
    { _id: 'w1', communityId: 'c1', status: 'confirmed', claimCount: 1, createdAt: D('2026-06-01'), confirmedAt: D('2026-06-08'), receipt: { via: 'code' } },
    { _id: 'w2', communityId: 'c1', status: 'claimed', claimCount: 1, createdAt: D('2026-06-02') },
    { _id: 'w3', communityId: 'c1', status: 'open', claimCount: 0, createdAt: D('2026-06-03') },
    { _id: 'w4', communityId: 'c1', status: 'reported', claimCount: 0, createdAt: D('2026-06-04') },
    { _id: 'w5', communityId: 'c1', status: 'confirmed', claimCount: 1, createdAt: D('2026-05-01'), confirmedAt: D('2026-06-05'), receipt: { via: 'admin' } },
  ]);
  put(cloud, 'pledges', [
    { _id: 'pl1', openid: 'm1', communityId: 'c1', status: 'fulfilled', review: { outcome: 'fulfilled', reviewedAt: D('2026-06-10') } },
    { _id: 'pl2', openid: 'm1', communityId: 'c1', status: 'partly', review: { outcome: 'partly', reviewedAt: D('2026-06-11') } },
    { _id: 'pl3', openid: 'm1', communityId: 'c1', status: 'approved', review: null },
  ]);
  addAdmin(cloud, 'super', 'root', 'boss');
  addAdmin(cloud, 'street', 's1', 'east');
  addAdmin(cloud, 'community', 'c1', 'c1admin');
  addAdmin(cloud, 'unit', 'u1', 'u1admin');
  addAdmin(cloud, 'district', 'd1', 'dist');
  await timer(NOW);
}, 60_000);
afterAll(async () => { jest.useRealTimers(); await cloud.stop(); });

function timer(ms: number) {
  return cloud.invoke('stats', { Type: 'Timer', TriggerName: 'hourly', Time: new Date(ms).toISOString() });
}
const doc = (id: string) => cloud.emulator.store.all('statsMonths').find((d) => d._id === id) as { c: Counters; idleMembers?: any; idleUnits?: any; members?: any } | undefined;
const c = (id: string) => doc(id)!.c;
const metric = (key: string, cs: Counters) => valueOf(METRICS.find((m) => m.key === key)!, cs);

test('each metric on the constructed data set (June, community c1)', () => {
  const x = c('c1:2026-06');
  expect(metric('memberRate', x)).toMatchObject({ n: 1, d: 2, value: 0.5 }); // u1: m1 reported, m2 pending
  expect(metric('unitRate', x)).toMatchObject({ n: 1, d: 1, value: 1 });
  expect(metric('activeRate', x)).toMatchObject({ n: 1, d: 1, value: 1 }); // m1; m4 moved away on 06-10
  expect(metric('hoursPerMember', x)).toMatchObject({ n: 180, d: 1, value: 3 }); // m1 120 + m4 60 (served here before the move)
  expect(metric('taskFillRate', x)).toMatchObject({ n: 1, d: 1 });
  expect(metric('taskDoneRate', x)).toMatchObject({ n: 1, d: 1 });
  expect(metric('projectDoneRate', x)).toMatchObject({ n: 1, d: 2, value: 0.5 });
  expect(metric('resourceUseRate', x)).toMatchObject({ n: 1, d: 1 });
  expect(metric('wishClaimRate', x)).toMatchObject({ n: 2, d: 3 }); // w4 not yet verified: not on the wall
  expect(metric('wishFulfilRate', x)).toMatchObject({ n: 1, d: 3 });
  expect(metric('wishDays', x)).toMatchObject({ n: 7, d: 1, value: 7 });
  expect(metric('pledgeRate', x)).toMatchObject({ n: 1, d: 2, value: 0.5 }); // partly does not count as fulfilled
  expect(metric('residentRate', x)).toMatchObject({ n: 1, d: 2, value: 0.5 }); // w1 by code, w5 by an admin
  expect(metric('needDoneRate', x)).toMatchObject({ n: 0, d: 0, value: null }); // no data → 暂无数据, not 0 %
});

test('needs and their response time (May, community c2); flows stay in their month', () => {
  const may = c('c2:2026-05');
  expect(metric('needDoneRate', may)).toMatchObject({ n: 1, d: 2, value: 0.5 });
  expect(metric('needResponseDays', may)).toMatchObject({ n: 2, d: 1, value: 2 });
  expect(metric('taskFillRate', may)).toMatchObject({ n: 0, d: 1, value: 0 });
  expect(c('c2:2026-06').needs).toBe(0);
  expect(metric('wishDays', c('c1:2026-05'))).toMatchObject({ n: 35, d: 1 });
});

test('a move: the member counts in the new community only from the move date', () => {
  expect(c('c1:2026-05')).toMatchObject({ reported: 2, active: 0, minutes: 0 }); // m1, m4 in May
  expect(c('c3:2026-05')).toMatchObject({ reported: 1 }); // m5 only
  expect(c('c3:2026-06')).toMatchObject({ reported: 2, active: 1, minutes: 90 }); // m4 from 06-10 (served 06-15), m5 idle
  expect(c('c1:2026-06')).toMatchObject({ reported: 1, minutes: 180 });
  expect(c('c3:2026-01').reported).toBe(0);
});

test('streets and the district are sums of their communities; units follow their members', () => {
  expect(c('s1:2026-06')).toMatchObject({ reported: 2, active: 1, minutes: 180, unitMembers: 2, unitMembersReported: 1 });
  const d = c('d1:2026-06');
  expect(d).toMatchObject({ reported: 4, active: 2, minutes: 270, unitMembers: 3, unitMembersReported: 2, units: 2, unitsReported: 1 });
  expect(metric('hoursPerMember', d).value).toBeCloseTo(270 / 60 / 4);
  expect(c('u2:2026-06')).toMatchObject({ unitMembers: 1, reported: 1, active: 1, minutes: 150 });
  expect(doc('u1:2026-06')!.members.items.map((m: any) => [m.id, m.minutes90])).toEqual([['m1', 120], ['m2', 0]]);
  expect(doc('u1:2026-06')!.idleMembers).toEqual({ count: 1, items: [expect.objectContaining({ id: 'm2' })] });
  expect(doc('c3:2026-06')!.idleMembers.items.map((m: any) => m.id)).toEqual(['m5']);
  expect(doc('c2:2026-06')!.idleMembers.count).toBe(1);
  expect(doc('d1:2026-06')!.idleMembers.count).toBe(2);
  // 12 months per scope (d1, s1, s2, c1–c3, g1, g2, u1, u2)
  expect(cloud.emulator.store.all('statsMonths')).toHaveLength(10 * 12);
});

test('roll-up is idempotent: run twice in the same hour → the same documents', async () => {
  const before = JSON.stringify(cloud.emulator.store.all('statsMonths').sort((a, b) => String(a._id).localeCompare(String(b._id))));
  await timer(NOW + 20 * 60_000);
  const after = JSON.stringify(cloud.emulator.store.all('statsMonths').sort((a, b) => String(a._id).localeCompare(String(b._id))));
  expect(after).toBe(before);
});

test('a dashboard read costs exactly 5 round trips and shows children, not out-of-reach siblings', async () => {
  const { result, stats } = await cloud.callWithStats('stats', 'dashboard', { scopeId: 's1' }, 'east');
  expect(result.ok).toBe(true);
  expect(stats.calls).toBe(5);
  expect(result.data.scope).toMatchObject({ id: 's1', name: '东街道', path: [{ id: 'd1', name: '示范区' }] });
  expect(result.data.months).toHaveLength(12);
  expect(result.data.children.map((x: any) => x.id)).toEqual(['c1', 'c2']);
  expect(result.data.siblings).toEqual([]); // a street admin does not see the other street
  expect(result.data.canEditThresholds).toBe(false);
  const dist = await cloud.callWithStats('stats', 'dashboard', { scopeId: 's1' }, 'dist');
  expect(dist.stats.calls).toBe(5);
  expect(dist.result.data.siblings.map((x: any) => x.id)).toEqual(['s1', 's2']);
  const root = await cloud.callWithStats('stats', 'dashboard', { scopeId: 'root' }, 'boss');
  expect(root.stats.calls).toBe(5);
  expect(root.result.data.scope).toMatchObject({ id: 'd1', kind: 'district', name: '示范区' });
  expect(root.result.data.children.map((x: any) => x.id)).toEqual(['s1', 's2']);
});

test('scope refusal', async () => {
  const cases: Array<[string, string, string]> = [
    ['east', 'c3', 'OUT_OF_SCOPE'], ['east', 'd1', 'OUT_OF_SCOPE'], ['east', 'root', 'OUT_OF_SCOPE'],
    ['c1admin', 's1', 'OUT_OF_SCOPE'], ['c1admin', 'c2', 'OUT_OF_SCOPE'], ['u1admin', 'u2', 'OUT_OF_SCOPE'], ['u1admin', 'c1', 'OUT_OF_SCOPE'],
    ['m1', 'c1', 'FORBIDDEN'],
  ];
  for (const [who, scopeId, code] of cases) {
    const r = await cloud.call('stats', 'dashboard', { scopeId }, who);
    expect({ who, scopeId, code: r.code }).toEqual({ who, scopeId, code });
  }
  expect((await cloud.call('stats', 'dashboard', { scopeId: 'u1' }, 'u1admin')).ok).toBe(true);
  expect((await cloud.call('stats', 'dashboard', { scopeId: 'u1' }, 'c1admin')).ok).toBe(true);
  expect((await cloud.call('stats', 'exportIdle', { scopeId: 'c3', list: 'members' }, 'east')).code).toBe('OUT_OF_SCOPE');
  expect((await cloud.call('stats', 'setThresholds', { districtId: 'd1', values: {} }, 'east')).code).toBe('OUT_OF_SCOPE');
  expect((await cloud.call('stats', 'rollup', {}, 'east')).code).toBe('FORBIDDEN');
});

test('thresholds are versioned per district; a bad pair is refused', async () => {
  const bad = await cloud.call('stats', 'setThresholds', { districtId: 'd1', values: { activeRate: { green: 0.3, yellow: 0.6 } } }, 'dist');
  expect(bad.code).toBe('BAD_THRESHOLDS');
  expect((await cloud.call('stats', 'setThresholds', { districtId: 'd1', values: { activeRate: { green: 0.5, yellow: 0.2 } } }, 'dist')).data).toEqual({ version: 1 });
  expect((await cloud.call('stats', 'setThresholds', { districtId: 'd1', values: { activeRate: { green: 0.7, yellow: 0.2 } } }, 'boss')).data).toEqual({ version: 2 });
  const r = await cloud.call('stats', 'dashboard', { scopeId: 'c1' }, 'dist');
  expect(r.data.thresholds.version).toBe(2);
  expect(r.data.thresholds.values.activeRate).toEqual({ green: 0.7, yellow: 0.2 });
  expect(r.data.thresholds.at).toBe(new Date(NOW).toISOString());
  expect(r.data.canEditThresholds).toBe(true);
  // out of 0–100 %, and days in the wrong order, are refused with the metric named; nothing is written
  expect((await cloud.call('stats', 'setThresholds', { districtId: 'd1', values: { activeRate: { green: 1.2, yellow: 0.5 } } }, 'dist')).message).toBe('90 天活跃率：应在 0–100% 之间');
  expect((await cloud.call('stats', 'setThresholds', { districtId: 'd1', values: { wishDays: { green: 30, yellow: 14 } } }, 'dist')).message).toBe('心愿实现天数：天数越少越好：绿灯线应不高于黄灯线');
  // a double tap (same requestId) saves one version; the direction of a "days" metric is the metric's, whatever is sent
  const values = { wishDays: { green: 10, yellow: 20, lowerIsBetter: false }, memberRate: { green: 0.95, yellow: 0.8 } };
  const [a, b] = await Promise.all([1, 2].map(() => cloud.call('stats', 'setThresholds', { districtId: 'd1', values, requestId: 'thr-tap-1' }, 'dist')));
  expect([a.data, b.data]).toEqual([{ version: 3 }, { version: 3 }]);
  const again = await cloud.call('stats', 'setThresholds', { districtId: 'd1', values, requestId: 'thr-tap-1' }, 'dist');
  expect(again.data).toEqual({ version: 3 });
  expect(cloud.emulator.store.all('statsRules').filter((x) => x.districtId === 'd1')).toHaveLength(3);
  const v3 = await cloud.call('stats', 'dashboard', { scopeId: 'c1' }, 'dist');
  expect(v3.data.thresholds.version).toBe(3);
  expect(v3.data.thresholds.values.wishDays).toEqual({ green: 10, yellow: 20, lowerIsBetter: true });
  expect(v3.data.thresholds.values.activeRate).toEqual(DEFAULT_THRESHOLDS.activeRate); // a version is the whole set: unsent metrics fall back to the defaults
});

test('the idle lists export as xlsx through cloud storage (rows read back from the file)', async () => {
  const r = await cloud.call('stats', 'exportIdle', { scopeId: 's2', list: 'members' }, 'dist');
  expect(r.ok).toBe(true);
  expect(r.data.rows).toBe(1);
  expect(r.data.fileName).toContain('西街道');
  const sheetOf = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.worksheets[0];
    const out: unknown[][] = [];
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  expect(await sheetOf(r.data.url)).toEqual([['社区', '姓名', '单位'], ['光明社区', '戊', '光明医院']]); // m5: reported, no service in 90 days
  const units = await cloud.call('stats', 'exportIdle', { scopeId: 'c1', list: 'units' }, 'c1admin');
  expect(units.data.rows).toBe(0); // u1's m1 served
  expect(await sheetOf(units.data.url)).toEqual([['社区', '单位', '说明']]);
});

test('grids: members counted in their grid from their report in that community; drill-down community → grid → member', async () => {
  // June: m1 (一网格) served 120 min; m4 was in 二网格 until the move on 06-10 and served 60 min there on 06-03
  expect(c('g1:2026-06')).toMatchObject({ reported: 1, active: 1, minutes: 120 });
  expect(c('g2:2026-06')).toMatchObject({ reported: 0, active: 0, minutes: 60 });
  expect(c('g2:2026-05')).toMatchObject({ reported: 1, active: 0, minutes: 0 });
  expect(metric('activeRate', c('g1:2026-06'))).toMatchObject({ n: 1, d: 1, value: 1 });
  expect(doc('g1:2026-06')!.members.items).toEqual([expect.objectContaining({ id: 'm1', name: '甲', minutes90: 120 })]);
  expect(doc('g1:2026-06')!.idleMembers.count).toBe(0);
  // a gridId naming another community's grid (r3 in c2) counts nowhere but the community
  expect(c('c2:2026-06').reported).toBe(1);
  // the community's children are its grids and its units, still in 5 round trips; a grid's dashboard lists its members
  const comm = await cloud.callWithStats('stats', 'dashboard', { scopeId: 'c1' }, 'c1admin');
  expect(comm.stats.calls).toBe(5);
  expect(comm.result.data.children.map((x: any) => [x.id, x.kind])).toEqual([['g1', 'grid'], ['g2', 'grid'], ['u1', 'unit']]);
  const grid = await cloud.call('stats', 'dashboard', { scopeId: 'g1' }, 'c1admin');
  expect(grid.data.scope).toMatchObject({ kind: 'grid', name: '一网格', path: [{ id: 'd1' }, { id: 's1' }, { id: 'c1', name: '和平社区' }] });
  expect(grid.data.members.items.map((m: any) => m.id)).toEqual(['m1']);
  expect(grid.data.siblings.map((x: any) => x.id)).toEqual(['g1', 'g2']);
  expect((await cloud.call('stats', 'dashboard', { scopeId: 'g1' }, 'east')).ok).toBe(true);
  expect((await cloud.call('stats', 'dashboard', { scopeId: 'g1' }, 'u1admin')).code).toBe('OUT_OF_SCOPE');

  // the community admin moves m1 to 二网格 on the roster; another community's grid and a unit admin are refused
  expect((await cloud.call('report', 'grids', { communityId: 'c1' }, 'm1')).data.items).toEqual([{ id: 'g1', name: '一网格' }, { id: 'g2', name: '二网格' }]);
  expect((await cloud.call('report', 'setGrid', { reportId: 'r1', gridId: 'g2' }, 'u1admin')).ok).toBe(false);
  expect((await cloud.call('report', 'setGrid', { reportId: 'r3', gridId: 'g1' }, 'east')).code).toBe('VALIDATION_FAILED'); // g1 is c1's, r3 is in c2
  expect((await cloud.call('report', 'setGrid', { reportId: 'r1', gridId: 'g2' }, 'c1admin')).data).toEqual({ reportId: 'r1', gridId: 'g2' });
  const roster = await cloud.call('report', 'roster', { communityId: 'c1', gridId: 'g2', page: 1, pageSize: 20 }, 'c1admin');
  expect(roster.data.items.map((r: any) => [r.openid, r.gridId])).toEqual([['m1', 'g2']]);
  await timer(NOW + 2 * 3_600_000);
  expect(c('g2:2026-06')).toMatchObject({ reported: 1, active: 1, minutes: 180 });
  expect(c('g1:2026-06')).toMatchObject({ reported: 0, minutes: 0 });
});
