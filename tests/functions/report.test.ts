import { nextChinaHour } from '../../core/domain/notify';
import jsQR from 'jsqr';
import { parseScene } from '../../core/domain/scene';
import type { TestCloud } from '../helpers/cloud';
import type { Openapi } from '../../emulator/openapi';
import { all, newMember, okData, one, reportTick, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
let openapi: Openapi;
beforeAll(async () => ({ cloud, openapi } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

const reportsOf = (openid: string) => all(cloud, 'reports', { openid });

describe('member report: submit, approve, history', () => {
  it('a newcomer reports by scene, the community admin approves, points and inbox follow', async () => {
    await newMember(cloud, 'nc1', '李新');
    const scene = okData(await cloud.call('report', 'resolveScene', { scene: 'c%3Dcomm-1' }, 'nc1'));
    expect(scene).toMatchObject({ community: { id: 'comm-1', name: '东湖社区', streetName: '东湖街道' }, current: null, relation: 'none', profileComplete: true });

    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc1'));
    expect(report).toMatchObject({ status: 'pending', communityId: 'comm-1', communityName: '东湖社区', moveFrom: null });
    // a report waiting for review goes into the admin's 09:00 digest, not one message per report
    expect(all(cloud, 'outbox', { openid: 'demo-community-1', kind: 'report', status: 'digest' })).toHaveLength(1);

    const pending = okData(await cloud.call('report', 'pending', { communityId: 'comm-1' }, 'demo-community-1'));
    const mine = pending.items.find((i: any) => i.openid === 'nc1');
    expect(mine).toMatchObject({ name: '李新', phone: '139****5678', building: '3 栋', status: 'pending' });

    const approved = okData(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-community-1'));
    expect(approved).toMatchObject({ report: { status: 'approved' }, followUp: 'queued' });
    expect(one(cloud, 'members', 'nc1')).toMatchObject({ communityId: 'comm-1', reportId: report.id });
    expect(one(cloud, 'reports', report.id)).toMatchObject({ status: 'approved', decidedBy: 'demo-community-1' });
    // the notice and the points come with the report timer's next tick
    expect(all(cloud, 'ledger', { openid: 'nc1', cause: 'report' })).toHaveLength(0);
    expect(await reportTick(cloud)).toMatchObject({ finished: 1 });
    expect(all(cloud, 'ledger', { openid: 'nc1', cause: 'report' })).toHaveLength(1);
    expect(all(cloud, 'inbox', { openid: 'nc1', kind: 'report' })[0]).toMatchObject({ title: '报到已通过', read: false });

    const who = okData(await cloud.call('member', 'whoami', {}, 'nc1'));
    expect(who.report).toMatchObject({ status: 'approved', communityId: 'comm-1', communityName: '东湖社区' });

    // approving again credits nothing more (award is exactly-once) and changes nothing
    expect(okData(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-community-1')).report.status).toBe('approved');
    expect(all(cloud, 'ledger', { openid: 'nc1', cause: 'report' })).toHaveLength(1);
  });

  it('refuses a report without a complete profile and writes nothing', async () => {
    const r = await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'demo-newcomer');
    expect(r).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });
    expect(r.message).toContain('姓名');
    expect(reportsOf('demo-newcomer')).toHaveLength(0);
    // admins have a profile without building/room
    const a = await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'demo-unit-1');
    expect(a).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });
    expect(a.message).toContain('楼栋');
  });

  it('rejects malformed and unknown scenes with clear codes', async () => {
    for (const scene of ['', 'hello', 'c=comm 1', `c=${'x'.repeat(40)}`]) {
      const r = await cloud.call('report', 'resolveScene', { scene }, 'demo-member-1');
      expect(r).toMatchObject({ ok: false, code: 'SCENE_INVALID' });
    }
    expect(await cloud.call('report', 'resolveScene', { scene: 'c=comm-99' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'COMMUNITY_NOT_FOUND', message: '未找到该社区' });
    expect(await cloud.call('report', 'submit', { communityId: 'street-1' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'COMMUNITY_NOT_FOUND' });
  });

  it('refuses reporting twice', async () => {
    const before = all(cloud, 'reports').length;
    expect(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'ALREADY_REPORTED' });
    await newMember(cloud, 'nc2');
    okData(await cloud.call('report', 'submit', { communityId: 'comm-2' }, 'nc2'));
    expect(await cloud.call('report', 'submit', { communityId: 'comm-2' }, 'nc2')).toMatchObject({ ok: false, code: 'ALREADY_PENDING' });
    expect(all(cloud, 'reports').length).toBe(before + 1);
  });

  it('two simultaneous submissions make one report', async () => {
    await newMember(cloud, 'nc3');
    const results = await Promise.all([1, 2, 3].map(() => cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc3')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(['CONFLICT', 'ALREADY_PENDING']).toContain(r.code);
    expect(reportsOf('nc3')).toHaveLength(1);
  });

  it('moving: needs confirmation, keeps the old report until the new one is approved, then closes it', async () => {
    const resolved = okData(await cloud.call('report', 'resolveScene', { scene: 'c=comm-2' }, 'demo-member-1'));
    expect(resolved).toMatchObject({ relation: 'move', current: { communityId: 'comm-1', status: 'approved' } });
    expect(await cloud.call('report', 'submit', { communityId: 'comm-2' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'MOVE_CONFIRM_REQUIRED' });
    expect(reportsOf('demo-member-1')).toHaveLength(1);

    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-2', confirmMove: true }, 'demo-member-1'));
    expect(report).toMatchObject({ status: 'pending', moveFrom: 'seed-report-1' });
    expect(one(cloud, 'reports', 'seed-report-1')).toMatchObject({ status: 'approved' });
    expect(one(cloud, 'members', 'demo-member-1')).toMatchObject({ communityId: 'comm-1' });

    expect(one(cloud, 'reports', report.id)).toMatchObject({ moveFromName: '东湖社区' });
    // a move is approved in 6 round trips (issue 10's budget): the 5 of any approval + closing the old report
    const approving = await cloud.callWithStats('report', 'approve', { reportId: report.id }, 'admin-c2');
    const decided = okData(approving.result);
    expect(decided.report).toMatchObject({ status: 'approved', moveFromName: '东湖社区' });
    expect(approving.stats.calls).toBe(6);
    expect(one(cloud, 'reports', 'seed-report-1')).toMatchObject({ status: 'closed', movedTo: 'comm-2' });
    expect(one(cloud, 'members', 'demo-member-1')).toMatchObject({ communityId: 'comm-2', reportId: report.id });

    const mine = okData(await cloud.call('report', 'mine', {}, 'demo-member-1'));
    expect(mine.current).toMatchObject({ communityId: 'comm-2', status: 'approved' });
    expect(mine.history.map((h: any) => h.status)).toEqual(['approved', 'closed']);
    expect(mine.history[1]).toMatchObject({ communityName: '东湖社区', movedTo: 'comm-2' });
  });

  it('a rejected move leaves the member reported where they were', async () => {
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-2', confirmMove: true }, 'demo-member-1'));
    expect(okData(await cloud.call('member', 'whoami', {}, 'demo-member-1')).report).toMatchObject({ status: 'approved', communityId: 'comm-1' });
    okData(await cloud.call('report', 'reject', { reportId: report.id, reason: '未在本社区居住' }, 'admin-c2'));
    expect(one(cloud, 'reports', 'seed-report-1')).toMatchObject({ status: 'approved' });
    expect(one(cloud, 'members', 'demo-member-1')).toMatchObject({ communityId: 'comm-1' });
    expect(okData(await cloud.call('member', 'whoami', {}, 'demo-member-1')).report).toMatchObject({ status: 'approved', communityId: 'comm-1' });
    const mine = okData(await cloud.call('report', 'mine', {}, 'demo-member-1'));
    expect(mine.current).toMatchObject({ id: 'seed-report-1' });
    expect(mine.history.map((h: any) => h.status)).toEqual(['rejected', 'approved']);
  });

  it('a pending report elsewhere is replaced at once when moving', async () => {
    await newMember(cloud, 'nc4');
    const first = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc4')).report;
    expect(await cloud.call('report', 'submit', { communityId: 'comm-3' }, 'nc4')).toMatchObject({ ok: false, code: 'MOVE_CONFIRM_REQUIRED' });
    okData(await cloud.call('report', 'submit', { communityId: 'comm-3', confirmMove: true }, 'nc4'));
    expect(one(cloud, 'reports', first.id)).toMatchObject({ status: 'closed', movedTo: 'comm-3' });
    expect(all(cloud, 'reports', { openid: 'nc4', status: 'pending' })).toHaveLength(1);
  });

  it('reject needs a reason, tells the member, and the report cannot be approved afterwards', async () => {
    await newMember(cloud, 'nc5');
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc5'));
    expect(await cloud.call('report', 'reject', { reportId: report.id, reason: '' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    okData(await cloud.call('report', 'reject', { reportId: report.id, reason: '不住本社区' }, 'demo-community-1'));
    expect(one(cloud, 'reports', report.id)).toMatchObject({ status: 'rejected', reason: '不住本社区' });
    expect(all(cloud, 'inbox', { openid: 'nc5' }).map((m: any) => m.title)).toContain('报到未通过');
    expect(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-community-1')).toMatchObject({ ok: false, code: 'REPORT_STATE' });
    expect(one(cloud, 'members', 'nc5')).toMatchObject({ communityId: null });
    const who = okData(await cloud.call('member', 'whoami', {}, 'nc5'));
    expect(who.report).toMatchObject({ status: 'rejected', reason: '不住本社区' });
    // after a rejection the member may report again
    okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc5'));
  });

  it('a member withdraws only their own pending report', async () => {
    await newMember(cloud, 'nc6');
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc6'));
    expect(await cloud.call('report', 'withdraw', { reportId: report.id }, 'demo-member-1')).toMatchObject({ ok: false, code: 'REPORT_NOT_FOUND' });
    expect(one(cloud, 'reports', report.id)).toMatchObject({ status: 'pending' });
    expect(okData(await cloud.call('report', 'withdraw', { reportId: report.id }, 'nc6')).report.status).toBe('withdrawn');
    expect(await cloud.call('report', 'withdraw', { reportId: report.id }, 'nc6')).toMatchObject({ ok: false, code: 'REPORT_STATE' });
  });
});

describe('races', () => {
  it('approving the same report twice at once credits points once and approves once', async () => {
    await newMember(cloud, 'nr1');
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nr1'));
    const results = await Promise.all([1, 2, 3].map(() => cloud.call('report', 'approve', { reportId: report.id }, 'demo-community-1')));
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => !x.ok)) expect(['CONFLICT', 'REPORT_STATE']).toContain(r.code);
    expect(one(cloud, 'reports', report.id)).toMatchObject({ status: 'approved' });
    await reportTick(cloud);
    expect(all(cloud, 'ledger', { openid: 'nr1', cause: 'report' })).toHaveLength(1);
    expect(all(cloud, 'inbox', { openid: 'nr1', title: '报到已通过' })).toHaveLength(1);
  });

  it('approve and reject at once: exactly one decision stands', async () => {
    await newMember(cloud, 'nr2');
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nr2'));
    const [a, r] = await Promise.all([
      cloud.call('report', 'approve', { reportId: report.id }, 'demo-community-1'),
      cloud.call('report', 'reject', { reportId: report.id, reason: '信息不符' }, 'demo-community-1'),
    ]);
    expect([a.ok, r.ok].filter(Boolean)).toHaveLength(1);
    const final = one(cloud, 'reports', report.id);
    expect(final.status).toBe(a.ok ? 'approved' : 'rejected');
    expect(one(cloud, 'members', 'nr2').communityId).toBe(a.ok ? 'comm-1' : null);
    expect(await reportTick(cloud)).toMatchObject({ finished: a.ok ? 1 : 0 });
    expect(all(cloud, 'ledger', { openid: 'nr2' })).toHaveLength(a.ok ? 1 : 0);
  });
});

describe('scope checks', () => {
  it('an admin of another community, a unit admin or a member cannot decide a report', async () => {
    await newMember(cloud, 'nc7');
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-2' }, 'nc7'));
    expect(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('report', 'reject', { reportId: report.id, reason: '测试原因' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-member-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(one(cloud, 'reports', report.id)).toMatchObject({ status: 'pending', decidedBy: null });
    expect(await cloud.call('report', 'pending', { communityId: 'comm-2' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('report', 'roster', { communityId: 'comm-2' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    // the street admin of street-1 covers comm-2
    expect(okData(await cloud.call('report', 'approve', { reportId: report.id }, 'demo-street-1')).report.status).toBe('approved');
  });
});

describe('roster', () => {
  it('pages server-side, searches by name, filters by status and unit; phones masked for every admin', async () => {
    const seeded = all(cloud, 'reports', { communityId: 'comm-1' }).filter((r: any) => ['pending', 'approved'].includes(r.status));
    const p1 = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', page: 1, pageSize: 5 }, 'demo-community-1'));
    expect(p1.total).toBe(seeded.length);
    expect(p1.items).toHaveLength(5);
    const p2 = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', page: 2, pageSize: 5 }, 'demo-community-1'));
    expect(p2.items.map((i: any) => i.reportId)).not.toContain(p1.items[0].reportId);
    expect(p1.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);

    const byName = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', q: '张伟' }, 'demo-community-1'));
    expect(byName.items).toHaveLength(1);
    expect(byName.items[0]).toMatchObject({ openid: 'demo-member-1', unitName: '锦华区税务局', status: 'approved' });

    const pendingOnly = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', status: 'pending' }, 'demo-community-1'));
    expect(pendingOnly.items.every((i: any) => i.status === 'pending')).toBe(true);
    expect(pendingOnly.total).toBe(seeded.filter((r: any) => r.status === 'pending').length);
    const unit1 = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', unitId: 'unit-1', pageSize: 50 }, 'demo-community-1'));
    expect(unit1.items.every((i: any) => i.unitId === 'unit-1')).toBe(true);
    expect(unit1.total).toBe(seeded.filter((r: any) => r.unitId === 'unit-1').length);

    const street = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', q: '张伟' }, 'demo-street-1'));
    expect(street.items[0].phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(await cloud.call('report', 'roster', { communityId: 'comm-1', pageSize: 51 }, 'demo-community-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

describe('poster code', () => {
  it('returns the community code as a PNG data URL whose scene opens the report page', async () => {
    const r = okData(await cloud.call('report', 'posterCode', { communityId: 'comm-1' }, 'demo-community-1'));
    expect(r).toMatchObject({ communityName: '东湖社区', scene: 'c=comm-1', page: 'pages/report/index', link: '/pages/report/index?scene=c%3Dcomm-1' });
    expect(r.image).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(r.image.split(',')[1], 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(parseScene(r.scene)).toEqual({ kind: 'community', communityId: 'comm-1' });
    // scanning the code opens the report page with the community's scene (locally: the h5 URL)
    // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
    const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };
    const img = PNG.sync.read(png);
    const decoded = jsQR(new Uint8ClampedArray(img.data), img.width, img.height);
    expect(decoded?.data).toMatch(/pages\/report\/index\?scene=c(=|%3D)comm-1$/);
    expect(parseScene(decodeURIComponent(decoded!.data.split('scene=')[1]))).toEqual({ kind: 'community', communityId: 'comm-1' });
    expect(openapi.qrcodes().at(-1)).toMatchObject({ scene: 'c=comm-1', page: 'pages/report/index' });
    expect(await cloud.call('report', 'posterCode', { communityId: 'comm-2' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  });
});

describe('unit report (组织报到)', () => {
  const resources = [{ kind: 'expertise', title: '法律咨询', detail: '每月一次税务法律咨询', quantity: 1, unit: '次/月' }, { kind: 'volunteer', title: '志愿者', quantity: 10, unit: '人/月' }];
  const agreement = { startDate: '2026-12-01', endDate: '2027-11-30', commitments: ['每季度开展一次共建活动'], contactName: '赵强', contactPhone: '13800000004' };

  it('a unit admin reports the unit with resources and agreement; its community decides', async () => {
    const { unitReport } = okData(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources, agreement }, 'demo-unit-1'));
    expect(unitReport).toMatchObject({ status: 'pending', communityId: 'comm-1', unitName: '锦华区税务局', resources: [{ title: '法律咨询' }, { title: '志愿者', quantity: 10 }] });
    expect(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources, agreement }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'ALREADY_PENDING' });
    expect(await cloud.call('report', 'decideUnitReport', { id: unitReport.id, decision: 'approve' }, 'admin-c2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('report', 'decideUnitReport', { id: unitReport.id, decision: 'reject' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const list = okData(await cloud.call('report', 'unitReports', { communityId: 'comm-1', status: 'pending' }, 'demo-community-1'));
    expect(list.items.map((i: any) => i.id)).toEqual([unitReport.id]);
    expect(okData(await cloud.call('report', 'decideUnitReport', { id: unitReport.id, decision: 'approve' }, 'demo-community-1')).unitReport.status).toBe('approved');
    expect(await cloud.call('report', 'decideUnitReport', { id: unitReport.id, decision: 'approve' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'REPORT_STATE' });
    expect(all(cloud, 'inbox', { openid: 'demo-unit-1', kind: 'unitReport' })[0]).toMatchObject({ title: '单位报到已通过' });
    expect(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources, agreement }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'ALREADY_REPORTED' });
  });

  it('refuses other units, bad agreements and empty resource lists, writing nothing', async () => {
    expect(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-2', resources, agreement }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const bad = await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources, agreement: { ...agreement, endDate: '2026-01-01' } }, 'demo-unit-1');
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '结束日期应晚于开始日期' });
    expect(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources: [], agreement }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await cloud.call('report', 'unitReports', { unitId: 'unit-1' }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(all(cloud, 'unitReports')).toHaveLength(0);
  });
});

describe('reminders', () => {
  it('reminds verified unreported members of the unit once per day', async () => {
    // unreported = verified, no approved report, and no report waiting for the community (issue 11)
    const waiting = new Set(all(cloud, 'reports', { status: 'pending' }).map((r: any) => r.openid));
    const verified = all(cloud, 'members', { unitId: 'unit-1', unitStatus: 'verified', communityId: null }).map((m: any) => m._id);
    const unreported = verified.filter((o: string) => !waiting.has(o));
    expect(unreported.length).toBeGreaterThan(0);
    const r = okData(await cloud.call('report', 'remindUnreported', { unitId: 'unit-1' }, 'demo-unit-1'));
    expect(r).toEqual({ reminded: unreported.length, skipped: verified.length - unreported.length });
    for (const o of unreported) expect(all(cloud, 'inbox', { openid: o, kind: 'reminder' })).toHaveLength(1);
    expect(all(cloud, 'inbox', { openid: 'demo-member-1', kind: 'reminder' })).toHaveLength(0);
    const again = okData(await cloud.call('report', 'remindUnreported', { unitId: 'unit-1' }, 'demo-unit-1'));
    expect(again).toEqual({ reminded: 0, skipped: verified.length });
    expect(all(cloud, 'inbox', { kind: 'reminder' })).toHaveLength(unreported.length);
    expect(await cloud.call('report', 'remindUnreported', { unitId: 'unit-1' }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  });

  it('sends a subscribe message where the member consented', async () => {
    process.env.SUBSCRIBE_TPL_REPORT_REMINDER = 'tpl-remind';
    try {
      const target = all(cloud, 'members', { unitId: 'unit-1', unitStatus: 'verified', communityId: null })[0]._id as string;
      openapi.subscribe(target, ['tpl-remind']);
      okData(await cloud.call('member', 'recordSubscribe', { accepted: ['tpl-remind'] }, target));
      okData(await cloud.call('report', 'remindUnreported', { unitId: 'unit-1', openids: [target] }, 'demo-unit-1'));
      // the notify timer pushes it (at a daytime tick: quiet hours would hold it)
      await cloud.invoke('notify', { Type: 'Timer', TriggerName: 'every-minute', Time: nextChinaHour(new Date(), 10).toISOString() });
      expect(openapi.outbox({ touser: target })).toHaveLength(1);
      expect(one(cloud, 'subscriptions', `${target}:tpl-remind`)).toMatchObject({ count: 0 });
    } finally {
      delete process.env.SUBSCRIBE_TPL_REPORT_REMINDER;
    }
  });
});
