/** 记实档案: who sees whose record (scope), what is on it (confirmed only), period and paging. */
import type { TestCloud } from '../helpers/cloud';
import { startTestCloud } from '../helpers/cloud';
import { NOW, okData, put, seedDemo } from './report.fixture';

// the first call loads the function bundle, slow on a busy 2-core machine
jest.setTimeout(30_000);
let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const d = (s: string) => new Date(s);
const task = (id: string, title: string, start: string) => ({ _id: id, communityId: 'comm-1', communityName: '东湖社区', title, startAt: d(start), endAt: new Date(d(start).getTime() + 3 * 3600_000), status: 'finished' });
const signup = (taskId: string, openid: string, extra: Record<string, unknown>) => ({ _id: `${taskId}:${openid}`, taskId, openid, communityId: 'comm-1', status: 'signed', minutes: null, confirmed: false, noshow: false, createdAt: NOW, ...extra });
const entry = (id: string, openid: string, cause: string, sourceId: string, amount: number, at: string, minutes = 0) => ({ _id: id, openid, cause, sourceId, amount, minutes, year: 2026, reason: null, reverses: null, createdAt: d(at) });

beforeEach(async () => {
  await seedDemo(cloud);
  put(cloud, 'tasks', [task('t1', '楼道杂物清理', '2026-09-05T01:00:00Z'), task('t2', '反诈宣传', '2026-10-10T01:00:00Z'), task('t3', '垃圾分类督导', '2026-11-01T01:00:00Z')]);
  put(cloud, 'signups', [
    signup('t1', 'demo-member-1', { minutes: 120, confirmed: true }),
    signup('t2', 'demo-member-1', { minutes: 0, confirmed: true, noshow: true }),
    signup('t3', 'demo-member-1', { minutes: 90, confirmed: false }), // not confirmed: not on the record
  ]);
  put(cloud, 'ledger', [
    entry('report:seed-report-1:demo-member-1', 'demo-member-1', 'report', 'seed-report-1', 10, '2026-06-01T02:00:00Z'),
    entry('attendance:t1:demo-member-1', 'demo-member-1', 'attendance', 't1', 9, '2026-09-05T05:00:00Z', 120),
    entry('noshow:t2:demo-member-1', 'demo-member-1', 'noshow', 't2', -5, '2026-10-10T05:00:00Z'),
  ]);
});

const timeline = (viewer: string, data: Record<string, unknown> = {}) => cloud.call('record', 'timeline', data, viewer);

describe('record timeline', () => {
  it('a member sees their own record: confirmed tasks with minutes and points, no-shows, reports; unconfirmed signups are not on it', async () => {
    const r = okData(await timeline('demo-member-1'));
    expect(r.member).toMatchObject({ openid: 'demo-member-1', name: '张伟', unitName: '锦华区税务局', communityName: '东湖社区' });
    expect(r.summary).toEqual({ tasks: 1, minutes: 120, points: 14, noshows: 1 });
    const titles = r.items.map((i: any) => `${i.kind}:${i.title}:${i.status}`);
    expect(titles).toEqual(expect.arrayContaining(['task:楼道杂物清理:已确认', 'task:反诈宣传:缺席', 'points:报到积分 +10:null']));
    expect(titles.some((t: string) => t.includes('垃圾分类督导'))).toBe(false);
    expect(r.items.find((i: any) => i.title === '楼道杂物清理')).toMatchObject({ minutes: 120, points: 9 });
    // newest first
    const ats = r.items.map((i: any) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
  });

  it('a member cannot read another member\'s record', async () => {
    expect(await timeline('demo-member-5', { openid: 'demo-member-1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a unit admin sees only the unit\'s verified members: not pending, rejected, former members or other units', async () => {
    expect(okData(await timeline('demo-unit-1', { openid: 'demo-member-1' })).summary.minutes).toBe(120);
    // phones are masked for admins in the record
    expect(okData(await timeline('demo-unit-1', { openid: 'demo-member-1' })).member.phone).toMatch(/\*{4}/);
    expect(await timeline('demo-unit-1', { openid: 'demo-member-3' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // pending in unit-1
    expect(await timeline('demo-unit-1', { openid: 'demo-member-4' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // unit-2
    put(cloud, 'members', [{ ...(cloud.emulator.store.all('members').find((m: any) => m._id === 'demo-member-6') as any), unitStatus: 'rejected' }]);
    expect(await timeline('demo-unit-1', { openid: 'demo-member-6' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    put(cloud, 'members', [{ ...(cloud.emulator.store.all('members').find((m: any) => m._id === 'demo-member-8') as any), unitId: 'unit-2' }]);
    expect(await timeline('demo-unit-1', { openid: 'demo-member-8' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // left the unit
    expect(okData(await timeline('admin-u2', { openid: 'demo-member-8' })).member.openid).toBe('demo-member-8');
  });

  it('a community admin sees members reported there now, not pending reports nor members who moved away', async () => {
    expect(okData(await timeline('demo-community-1', { openid: 'demo-member-1' })).member.name).toBe('张伟');
    expect(await timeline('demo-community-1', { openid: 'demo-member-2' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // report pending
    expect(await timeline('demo-community-1', { openid: 'demo-member-6' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' }); // comm-2
    put(cloud, 'members', [{ ...(cloud.emulator.store.all('members').find((m: any) => m._id === 'demo-member-16') as any), communityId: 'comm-2' }]);
    expect(await timeline('demo-community-1', { openid: 'demo-member-16' })).toMatchObject({ ok: false, code: 'NOT_IN_SCOPE' });
    expect(okData(await timeline('admin-c2', { openid: 'demo-member-16' })).member.openid).toBe('demo-member-16');
    // the street above sees it too
    expect(okData(await timeline('demo-street-1', { openid: 'demo-member-1' })).member.openid).toBe('demo-member-1');
  });

  it('filters by period (China-time days) and pages', async () => {
    const autumn = okData(await timeline('demo-member-1', { from: '2026-09-01', to: '2026-09-30' }));
    expect(autumn.items.map((i: any) => i.title)).toEqual(['楼道杂物清理']);
    expect(autumn.summary).toEqual({ tasks: 1, minutes: 120, points: 9, noshows: 0 });
    expect(await timeline('demo-member-1', { from: '2026-10-01', to: '2026-09-01' })).toMatchObject({ ok: false, code: 'BAD_PERIOD' });
    const p1 = okData(await timeline('demo-member-1', { page: 1, pageSize: 2 }));
    const p2 = okData(await timeline('demo-member-1', { page: 2, pageSize: 2 }));
    expect(p1.items).toHaveLength(2);
    expect(p1.total).toBe(p2.total);
    expect(new Set([...p1.items, ...p2.items].map((i: any) => i.id)).size).toBe(p1.items.length + p2.items.length);
  });
});

describe('what counts on the record', () => {
  it('points count the effective part only (公示 pending is said, not added); pledges, wishes and evaluations received are on the timeline', async () => {
    put(cloud, 'ledger', [
      // a new credit in 公示: pending 6, nothing effective yet; and one whose 公示 passed via its effect entry
      { ...entry('adjust:a1:demo-member-1', 'demo-member-1', 'adjust', 'a1', 6, '2026-11-20T02:00:00Z'), pending: 6, effective: 0, reason: '补录' },
      { ...entry('pledge:p1:demo-member-1', 'demo-member-1', 'pledge', 'p1', 5, '2026-11-02T02:00:00Z'), pending: 5, effective: 0 },
      { ...entry('effect:pledge:p1:demo-member-1', 'demo-member-1', 'effect', 'pledge:p1:demo-member-1', 0, '2026-11-10T02:00:00Z'), pending: -5, effective: 5 },
    ]);
    put(cloud, 'pledges', [{ _id: 'p1', openid: 'demo-member-1', year: 2026, communityId: 'comm-1', title: '结对联系独居老人', status: 'fulfilled', createdAt: d('2026-03-01T02:00:00Z'), decidedAt: d('2026-03-02T02:00:00Z'), review: { reviewedAt: d('2026-11-02T02:00:00Z'), points: 5 } }]);
    put(cloud, 'pledges', [{ _id: 'p0', openid: 'demo-member-1', year: 2026, communityId: 'comm-1', title: '草稿不上档案', status: 'draft', createdAt: d('2026-03-01T02:00:00Z') }]);
    put(cloud, 'wishes', [{ _id: 'w1', title: '给独居老人修理水龙头', communityId: 'comm-1', status: 'confirmed', createdAt: d('2026-08-01T02:00:00Z') }]);
    put(cloud, 'wishClaims', [{ _id: 'c1', wishId: 'w1', communityId: 'comm-1', leader: 'demo-member-16', members: ['demo-member-16', 'demo-member-1'], status: 'confirmed', createdAt: d('2026-08-02T02:00:00Z'), confirmedAt: d('2026-08-20T02:00:00Z') }]);
    put(cloud, 'evaluations', [{ _id: 'community:comm-1:member:demo-member-1:2026', raterKind: 'community', raterId: 'comm-1', raterName: '东湖社区', targetKind: 'member', targetId: 'demo-member-1', targetName: '张伟', period: '2026', score: 5, grade: '优秀', remark: '服务积极', communityId: 'comm-1', streetId: 'street-1', by: 'demo-community-1', createdAt: d('2026-11-21T02:00:00Z') }]);
    const r = okData(await timeline('demo-member-1', { pageSize: 50 }));
    expect(r.summary.points).toBe(14 + 5); // legacy 10 + 9 - 5, the effective pledge 5; the pending 6 is not counted
    const byId = new Map(r.items.map((i: any) => [i.id, i]));
    expect(byId.get('points:adjust:a1:demo-member-1')).toMatchObject({ points: 0, status: '公示中', detail: '补录 · 公示中 +6 分，公示期满后生效' });
    expect(byId.get('points:pledge:p1:demo-member-1')).toMatchObject({ points: 5, status: null });
    expect([...byId.keys()].some((k: any) => k.startsWith('points:effect:'))).toBe(false);
    expect(byId.get('pledge:p1')).toMatchObject({ kind: 'pledge', title: '承诺：结对联系独居老人', status: '已践诺' });
    expect(byId.has('pledge:p0')).toBe(false);
    expect(byId.get('wish:c1')).toMatchObject({ kind: 'wish', title: '微心愿：给独居老人修理水龙头', status: '已实现', detail: '2 人共同认领' });
    expect(byId.get('evaluation:community:comm-1:member:demo-member-1:2026')).toMatchObject({ kind: 'evaluation', title: '年度评价：优秀', detail: '东湖社区：服务积极' });
  });
});
