import type { TestCloud } from '../helpers/cloud';
import { all, newMember, okData, one, put, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

describe('whoami', () => {
  it('answers a brand-new user without profile, roles or report', async () => {
    const who = okData(await cloud.call('member', 'whoami', {}, 'demo-newcomer'));
    expect(who).toEqual({ openid: 'demo…omer', id: 'demo-newcomer', profile: null, grants: [], report: null, unit: null, privacyAccepted: false, unreadInbox: 0 });
    expect(all(cloud, 'members', { _id: 'demo-newcomer' })).toHaveLength(0);
  });

  it('answers a reported member with profile, unit and report', async () => {
    const who = okData(await cloud.call('member', 'whoami', {}, 'demo-member-1'));
    expect(who).toMatchObject({
      profile: { name: '张伟', category: 'in_service', branch: '税务局机关第一党支部' },
      grants: [],
      report: { id: 'seed-report-1', status: 'approved', communityId: 'comm-1', communityName: '东湖社区', reason: null },
      unit: { id: 'unit-1', name: '锦华区税务局', status: 'verified' },
      privacyAccepted: true,
    });
    expect(who.profile.phone).toMatch(/^1\d{10}$/); // the member's own phone is not masked
  });

  it('names the scopes of admin roles; super from the deployment config too', async () => {
    expect(okData(await cloud.call('member', 'whoami', {}, 'demo-community-1')).grants).toEqual([{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }]);
    expect(okData(await cloud.call('member', 'whoami', {}, 'demo-unit-1')).grants).toEqual([{ role: 'unit', scopeId: 'unit-1', scopeName: '锦华区税务局' }]);
    process.env.SUPER_ADMIN_OPENIDS = 'boot-super';
    try {
      expect(okData(await cloud.call('member', 'whoami', {}, 'boot-super')).grants).toEqual([{ role: 'super', scopeId: 'root', scopeName: '全市（所有区）' }]);
    } finally {
      delete process.env.SUPER_ADMIN_OPENIDS;
    }
  });
});

describe('whoami from the member document', () => {
  // the summary kept by every report transition must be what pickCurrent chooses over the reports (report.mine)
  const check = async (openid: string) => {
    const { result, stats } = await cloud.callWithStats('member', 'whoami', {}, openid);
    const current = okData(await cloud.call('report', 'mine', {}, openid)).current;
    expect(result.data.report).toEqual(current && { id: current.id, status: current.status, communityId: current.communityId, communityName: current.communityName, reason: current.reason, createdAt: current.createdAt });
    return { report: result.data.report, calls: stats.calls };
  };
  const admin = 'demo-community-1';

  it('keeps the current report on the member through submit, reject, withdraw, approve and a move; 3 round trips', async () => {
    await newMember(cloud, 'nk');
    expect(await check('nk')).toEqual({ report: null, calls: 3 });
    const submit = async (communityId = 'comm-1') => okData(await cloud.call('report', 'submit', { communityId, confirmMove: true }, 'nk')).report.id;
    const r1 = await submit();
    expect(await check('nk')).toMatchObject({ report: { id: r1, status: 'pending', communityName: '东湖社区' }, calls: 3 });
    okData(await cloud.call('report', 'reject', { reportId: r1, reason: '住址与社区不符' }, admin));
    expect(await check('nk')).toMatchObject({ report: { id: r1, status: 'rejected', reason: '住址与社区不符' }, calls: 3 });
    const r2 = await submit();
    okData(await cloud.call('report', 'withdraw', { reportId: r2 }, 'nk'));
    expect(await check('nk')).toMatchObject({ report: { id: r2, status: 'withdrawn' }, calls: 3 });
    const r3 = await submit();
    okData(await cloud.call('report', 'approve', { reportId: r3 }, admin));
    expect(await check('nk')).toMatchObject({ report: { id: r3, status: 'approved' }, calls: 3 });
    // a move request stays behind the approved report until it is approved itself
    const r4 = await submit('comm-2');
    expect(await check('nk')).toMatchObject({ report: { id: r3, status: 'approved' } });
    okData(await cloud.call('report', 'reject', { reportId: r4, reason: '请先与原社区确认' }, 'demo-super'));
    expect(await check('nk')).toMatchObject({ report: { id: r3, status: 'approved' } });
    const r5 = await submit('comm-2');
    okData(await cloud.call('report', 'approve', { reportId: r5 }, 'demo-super'));
    expect(await check('nk')).toMatchObject({ report: { id: r5, status: 'approved', communityId: 'comm-2' }, calls: 3 });
  }, 30_000);

  it('a member document from before the summary and unit name answers the same, reading reports and the unit', async () => {
    const before = okData(await cloud.call('member', 'whoami', {}, 'demo-member-1'));
    const { currentReport: _r, unitName: _u, ...older } = one(cloud, 'members', 'demo-member-1');
    put(cloud, 'members', [older]);
    const { result, stats } = await cloud.callWithStats('member', 'whoami', {}, 'demo-member-1');
    expect(result.data).toEqual(before);
    expect(stats.calls).toBe(6);
  });
});

describe('profile', () => {
  it('needs privacy consent first, validates fields in Chinese, then saves', async () => {
    const p = { name: '王新', phone: '13912345678', building: '1 栋', room: '101' };
    expect(await cloud.call('member', 'saveProfile', p, 'nx')).toMatchObject({ ok: false, code: 'PRIVACY_REQUIRED' });
    expect(all(cloud, 'members', { _id: 'nx' })).toHaveLength(0);
    okData(await cloud.call('member', 'consentPrivacy', {}, 'nx'));
    const bad = await cloud.call('member', 'saveProfile', { ...p, phone: '1234' }, 'nx');
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '手机号：请输入 11 位手机号' });
    expect(await cloud.call('member', 'saveProfile', { ...p, name: '' }, 'nx')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '姓名：此项不能为空' });
    expect(one(cloud, 'members', 'nx')).toMatchObject({ communityId: null });
    expect(one(cloud, 'members', 'nx').name).toBeUndefined();
    const saved = okData(await cloud.call('member', 'saveProfile', p, 'nx'));
    expect(saved.profile).toMatchObject({ ...p, category: 'in_service', branch: '' });
    expect(okData(await cloud.call('member', 'getProfile', {}, 'nx')).profile).toMatchObject(p);
    expect(okData(await cloud.call('member', 'whoami', {}, 'nx'))).toMatchObject({ privacyAccepted: true, profile: { name: '王新' } });
  });

  it('ignores an openid in the request body: identity is from the cloud context', async () => {
    await newMember(cloud, 'ny', '杨一');
    const r = await cloud.call('member', 'saveProfile', { name: '冒名', phone: '13900000000', building: '1', room: '1', openid: 'demo-member-1' }, 'ny');
    // unknown keys are stripped by the schema; the write goes to the caller
    expect(r.ok).toBe(true);
    expect(one(cloud, 'members', 'demo-member-1').name).toBe('张伟');
    expect(one(cloud, 'members', 'ny').name).toBe('冒名');
  });
});

describe('unit membership', () => {
  it('joins by invite code, pending until the unit admin confirms', async () => {
    await newMember(cloud, 'nj', '金一');
    expect(await cloud.call('member', 'joinUnit', { inviteCode: 'NOPE00' }, 'nj')).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    expect(await cloud.call('member', 'joinUnit', { inviteCode: 'x' }, 'nj')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const j = okData(await cloud.call('member', 'joinUnit', { inviteCode: 'tax001' }, 'nj'));
    expect(j.unit).toEqual({ id: 'unit-1', name: '锦华区税务局', status: 'pending' });
    expect(await cloud.call('member', 'joinUnit', { inviteCode: 'TAX001' }, 'nj')).toMatchObject({ ok: false, code: 'ALREADY_IN_UNIT' });
    // waits for the unit admin: in the 09:00 digest, not a message of its own
    expect(all(cloud, 'outbox', { openid: 'demo-unit-1', kind: 'unit', status: 'digest' })).toHaveLength(1);

    // another unit's admin cannot confirm; the own unit's admin can
    expect(await cloud.call('org', 'confirmMember', { unitId: 'unit-1', openid: 'nj', decision: 'verify' }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'confirmMember', { unitId: 'unit-2', openid: 'nj', decision: 'verify' }, 'admin-u2')).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' });
    expect(one(cloud, 'members', 'nj').unitStatus).toBe('pending');
    const c = okData(await cloud.call('org', 'confirmMember', { unitId: 'unit-1', openid: 'nj', decision: 'verify' }, 'demo-unit-1'));
    expect(c.member).toMatchObject({ openid: 'nj', unitStatus: 'verified', phone: '139****5678', reportStatus: null }); // lists mask; org.revealPhone gives the full number
    expect(okData(await cloud.call('member', 'whoami', {}, 'nj')).unit).toEqual({ id: 'unit-1', name: '锦华区税务局', status: 'verified' });

    okData(await cloud.call('member', 'leaveUnit', {}, 'nj'));
    expect(one(cloud, 'members', 'nj')).toMatchObject({ unitId: null, unitStatus: null });
    expect(await cloud.call('member', 'leaveUnit', {}, 'nj')).toMatchObject({ ok: false, code: 'NOT_IN_UNIT' });
  });

  it('needs a profile before joining', async () => {
    okData(await cloud.call('member', 'consentPrivacy', {}, 'nk'));
    expect(await cloud.call('member', 'joinUnit', { inviteCode: 'TAX001' }, 'nk')).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });
    expect(one(cloud, 'members', 'nk').unitId).toBeNull();
  });
});

describe('subscribe messages', () => {
  it('tells the client which templates to ask for and counts recorded consents', async () => {
    expect(okData(await cloud.call('member', 'subscribeTemplates', {}, 'demo-member-1'))).toEqual({ reportResult: null, reportReminder: null, flows: { signup: [], claim: [], report: [], pledge: [] } });
    process.env.SUBSCRIBE_TPL_REPORT_RESULT = 'tpl-result';
    try {
      expect(okData(await cloud.call('member', 'subscribeTemplates', {}, 'demo-member-1')).reportResult).toBe('tpl-result');
    } finally {
      delete process.env.SUBSCRIBE_TPL_REPORT_RESULT;
    }
    okData(await cloud.call('member', 'recordSubscribe', { accepted: ['tpl-result'] }, 'demo-member-1'));
    okData(await cloud.call('member', 'recordSubscribe', { accepted: ['tpl-result', 'tpl-result'] }, 'demo-member-1'));
    expect(one(cloud, 'subscriptions', 'demo-member-1:tpl-result')).toMatchObject({ count: 2, openid: 'demo-member-1' });
  });
});

describe('inbox', () => {
  it('pages the caller\'s own messages and marks them read', async () => {
    await newMember(cloud, 'ni');
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'ni'));
    okData(await cloud.call('report', 'reject', { reportId: report.id, reason: '信息不符' }, 'demo-community-1'));
    const box = okData(await cloud.call('member', 'inbox', {}, 'ni'));
    expect(box).toMatchObject({ total: 1, unread: 1, page: 1 });
    expect(box.items[0]).toMatchObject({ kind: 'report', title: '报到未通过', read: false, link: '/pages/report/index' });
    // someone else cannot mark it read
    expect(okData(await cloud.call('member', 'readInbox', { ids: [box.items[0].id] }, 'demo-member-1')).updated).toBe(0);
    expect(one(cloud, 'inbox', box.items[0].id).read).toBe(false);
    expect(okData(await cloud.call('member', 'readInbox', { ids: [box.items[0].id] }, 'ni'))).toEqual({ updated: 1, unread: 0 });
    expect(okData(await cloud.call('member', 'inbox', { unreadOnly: true }, 'ni')).total).toBe(0);
    expect(okData(await cloud.call('member', 'whoami', {}, 'ni')).unreadInbox).toBe(0);
  });
});

describe('消息设置 (notice preferences)', () => {
  it('mutes kinds for the caller only, and asks ≤ 3 templates per tap', async () => {
    expect(okData(await cloud.call('member', 'noticePrefs', {}, 'demo-member-1'))).toEqual({ muted: [] });
    expect(okData(await cloud.call('member', 'setNoticePrefs', { muted: ['task', 'task', 'notice'] }, 'demo-member-1'))).toEqual({ muted: ['task', 'notice'] });
    expect(okData(await cloud.call('member', 'noticePrefs', {}, 'demo-member-1'))).toEqual({ muted: ['task', 'notice'] });
    expect(okData(await cloud.call('member', 'noticePrefs', {}, 'demo-member-2'))).toEqual({ muted: [] });
    expect(await cloud.call('member', 'setNoticePrefs', { muted: ['nonsense'] }, 'demo-member-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    process.env.SUBSCRIBE_TPL_TASK_CHANGE = 'tpl-change';
    process.env.SUBSCRIBE_TPL_TASK_REMINDER = 'tpl-remind';
    try {
      expect(okData(await cloud.call('member', 'subscribeTemplates', {}, 'demo-member-1')).flows).toEqual({ signup: ['tpl-remind', 'tpl-change'], claim: [], report: [], pledge: [] });
    } finally {
      delete process.env.SUBSCRIBE_TPL_TASK_CHANGE;
      delete process.env.SUBSCRIBE_TPL_TASK_REMINDER;
    }
  });
});
