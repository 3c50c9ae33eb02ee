/**
 * issue 11 (3 and profile minors): appointing needs an existing member with a profile; the same
 * person twice says so; names are short and plain; whoami carries the caller's own id to copy; a
 * well-formed but impossible mobile number is called a wrong format, not a wrong length.
 */
import type { TestCloud } from '../helpers/cloud';
import { all, newMember, okData, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

const appoint = (data: object, as = 'demo-super') => cloud.call('org', 'appointAdmin', { role: 'community', scopeId: 'comm-2', ...data }, as);

describe('appointing', () => {
  it('refuses an OpenID nobody uses: no phantom admin, no grant in whoami', async () => {
    const r = await appoint({ openid: 'nobody-xyz', name: '幽灵' });
    expect(r).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' });
    expect(r.message).toMatch(/我的/);
    expect(all(cloud, 'admins', { openid: 'nobody-xyz' })).toHaveLength(0);
    expect(okData(await cloud.call('member', 'whoami', {}, 'nobody-xyz')).grants).toEqual([]);
  });

  it('refuses a user who has not filled in a profile', async () => {
    expect(await cloud.call('member', 'consentPrivacy', {}, 'half')).toMatchObject({ ok: true });
    expect(await appoint({ openid: 'half' })).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });
    expect(all(cloud, 'admins', { openid: 'half' })).toHaveLength(0);
  });

  it('appoints a member with a profile once; the same person again says so', async () => {
    await newMember(cloud, 'nc-adm', '赵六');
    const a = okData(await appoint({ openid: 'nc-adm' }));
    expect(a.admin).toMatchObject({ openid: 'nc-adm', name: '赵六', scopeId: 'comm-2' });
    const again = await appoint({ openid: 'nc-adm' });
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_ADMIN' });
    expect(again.message).toMatch(/赵六/);
  });

  it('names: at most 20 characters, no emoji or markup', async () => {
    await newMember(cloud, 'nc-adm2', '钱七');
    expect(await appoint({ openid: 'nc-adm2', name: '一'.repeat(21) })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await appoint({ openid: 'nc-adm2', name: '<b>钱</b>' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await appoint({ openid: 'nc-adm2', name: '钱七😀' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(all(cloud, 'admins', { openid: 'nc-adm2' })).toHaveLength(0);
  });
});

describe('own id and profile input', () => {
  it('whoami carries the caller\'s full id (theirs, to copy into an appointment)', async () => {
    const me = okData(await cloud.call('member', 'whoami', {}, 'demo-member-1'));
    expect(me.id).toBe('demo-member-1');
  });

  it('a wrong mobile prefix says the format is wrong; emoji and markup in name or 支部 are refused', async () => {
    expect(await cloud.call('member', 'consentPrivacy', {}, 'np')).toMatchObject({ ok: true });
    const p = { name: '孙八', phone: '13912345678', building: '1 栋', room: '101', branch: '第一党支部' };
    const prefix = await cloud.call('member', 'saveProfile', { ...p, phone: '23812345678' }, 'np');
    expect(prefix).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(prefix.message).toMatch(/格式不正确/);
    expect(prefix.message).not.toMatch(/11 位/);
    expect(await cloud.call('member', 'saveProfile', { ...p, name: '孙八🎉' }, 'np')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await cloud.call('member', 'saveProfile', { ...p, name: '<img src=x>' }, 'np')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await cloud.call('member', 'saveProfile', { ...p, branch: '<script>支部</script>' }, 'np')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(okData(await cloud.call('member', 'saveProfile', { ...p, name: '  阿依古丽·买买提 ' }, 'np')).profile.name).toBe('阿依古丽·买买提');
  });
});
