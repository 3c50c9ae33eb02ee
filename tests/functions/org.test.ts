import type { TestCloud } from '../helpers/cloud';
import { all, newMember, okData, one, reportTick, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

describe('appointing admins', () => {
  it('a street admin appoints community and unit admins inside the street only', async () => {
    const a = okData(await cloud.call('org', 'appointAdmin', { role: 'community', scopeId: 'comm-2', openid: 'demo-member-2' }, 'demo-street-1'));
    expect(a.admin).toMatchObject({ id: 'community:comm-2:demo-member-2', role: 'community', scopeName: '花园社区', appointedBy: 'demo-street-1' });
    expect(a.admin.name).toBe(one(cloud, 'members', 'demo-member-2').name);
    expect(okData(await cloud.call('member', 'whoami', {}, 'demo-member-2')).grants).toEqual([{ role: 'community', scopeId: 'comm-2', scopeName: '花园社区' }]);
    expect(await cloud.call('org', 'appointAdmin', { role: 'community', scopeId: 'comm-2', openid: 'demo-member-2' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'ALREADY_ADMIN' });

    expect(await cloud.call('org', 'appointAdmin', { role: 'community', scopeId: 'comm-3', openid: 'x1' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'appointAdmin', { role: 'street', scopeId: 'street-1', openid: 'x1' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'appointAdmin', { role: 'unit', scopeId: 'comm-1', openid: 'x1' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'SCOPE_MISMATCH' });
    expect(await cloud.call('org', 'appointAdmin', { role: 'super', scopeId: 'root', openid: 'x1' }, 'demo-super')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(all(cloud, 'admins', { openid: 'x1' })).toHaveLength(0);
  });

  it('a community admin appoints unit admins of its units, not peers; members appoint nobody', async () => {
    await newMember(cloud, 'u1b', '钱二'); // only a real member with a profile can be appointed (issue 11)
    okData(await cloud.call('org', 'appointAdmin', { role: 'unit', scopeId: 'unit-1', openid: 'u1b', name: '钱二' }, 'demo-community-1'));
    expect(await cloud.call('org', 'appointAdmin', { role: 'unit', scopeId: 'unit-2', openid: 'u1b' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'appointAdmin', { role: 'community', scopeId: 'comm-1', openid: 'u1b' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'appointAdmin', { role: 'unit', scopeId: 'unit-1', openid: 'u1c' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', 'appointAdmin', { role: 'unit', scopeId: 'unit-9', openid: 'u1c' }, 'demo-super')).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' });
  });

  it('lists and revokes admins within scope', async () => {
    const listed = okData(await cloud.call('org', 'listAdmins', {}, 'demo-street-1'));
    const ids = listed.items.map((a: any) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['community:comm-1:demo-community-1', 'unit:unit-1:demo-unit-1', 'community:comm-2:admin-c2', 'unit:unit-2:admin-u2']));
    expect(ids).not.toContain('unit:unit-3:x');
    expect(ids).not.toContain('super:root:demo-super');
    expect(await cloud.call('org', 'listAdmins', { scopeId: 'comm-3' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'revokeAdmin', { id: 'community:comm-2:admin-c2' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'revokeAdmin', { id: 'street:street-1:demo-street-1' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    okData(await cloud.call('org', 'revokeAdmin', { id: 'community:comm-2:admin-c2' }, 'demo-street-1'));
    expect(one(cloud, 'admins', 'community:comm-2:admin-c2')).toBeUndefined();
    expect(await cloud.call('report', 'pending', { communityId: 'comm-2' }, 'admin-c2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('finds members with a profile in scope by name, phones masked', async () => {
    const r = okData(await cloud.call('org', 'searchMembers', { q: '张伟' }, 'demo-street-1'));
    expect(r.items).toEqual([{ openid: 'demo-member-1', name: '张伟', phone: expect.stringMatching(/^1\d{2}\*{4}\d{4}$/), unitName: '锦华区税务局', communityName: '东湖社区' }]);
    const outside = all(cloud, 'members', { communityId: 'comm-3' }).find((m: any) => !['unit-1', 'unit-2'].includes(m.unitId));
    expect(okData(await cloud.call('org', 'searchMembers', { q: outside.name }, 'demo-street-1')).items.map((i: any) => i.openid)).not.toContain(outside._id);
  });
});

describe('unit members and coverage', () => {
  it('the unit admin sees only their own unit, with masked phones, and filters the unreported', async () => {
    const list = okData(await cloud.call('org', 'unitMembers', { unitId: 'unit-1', unitStatus: 'verified', pageSize: 50 }, 'demo-unit-1'));
    const verified = all(cloud, 'members', { unitId: 'unit-1', unitStatus: 'verified' });
    expect(list.total).toBe(verified.length);
    expect(list.items.every((m: any) => /^1\d{2}\*{4}\d{4}$/.test(m.phone))).toBe(true);
    expect(list.items.find((m: any) => m.openid === 'demo-member-1')).toMatchObject({ reportStatus: 'approved', communityName: '东湖社区' });

    const unreported = okData(await cloud.call('org', 'unitMembers', { unitId: 'unit-1', unitStatus: 'verified', reported: false }, 'demo-unit-1'));
    expect(unreported.total).toBe(verified.filter((m: any) => !m.communityId).length);
    expect(unreported.items.every((m: any) => m.reportStatus !== 'approved')).toBe(true);

    expect(await cloud.call('org', 'unitMembers', { unitId: 'unit-2' }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'unitMembers', { unitId: 'unit-1' }, 'demo-member-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('org', 'coverage', { scopeId: 'unit-2' }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  });

  it('coverage of the unit rises by one when a member\'s report is approved', async () => {
    const before = okData(await cloud.call('org', 'coverage', { scopeId: 'unit-1' }, 'demo-unit-1'));
    const u = before.units[0];
    expect(before.scope).toEqual({ id: 'unit-1', kind: 'unit', name: '锦华区税务局' });
    expect(u.total).toBe(all(cloud, 'members', { unitId: 'unit-1', unitStatus: 'verified' }).length);
    expect(u.rate).toBeCloseTo(u.reported / u.total);

    const target = all(cloud, 'members', { unitId: 'unit-1', unitStatus: 'verified', communityId: null }).find((m: any) => !all(cloud, 'reports', { openid: m._id }).length);
    const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-2' }, target._id));
    const mid = okData(await cloud.call('org', 'coverage', { scopeId: 'unit-1' }, 'demo-unit-1')).units[0];
    expect(mid).toMatchObject({ reported: u.reported, pending: u.pending + 1 });
    okData(await cloud.call('report', 'approve', { reportId: report.id }, 'admin-c2'));
    const after = okData(await cloud.call('org', 'coverage', { scopeId: 'unit-1' }, 'demo-unit-1')).units[0];
    expect(after).toMatchObject({ total: u.total, reported: u.reported + 1, pending: u.pending });
    // the unit's admins hear of it with the report timer's next tick
    await reportTick(cloud);
    expect(all(cloud, 'inbox', { openid: 'demo-unit-1', title: '本单位党员已报到' })).toHaveLength(1);
  });

  it('a street admin sees its communities and units; not another street', async () => {
    const c = okData(await cloud.call('org', 'coverage', { scopeId: 'street-1' }, 'demo-street-1'));
    expect(c.communities.map((x: any) => x.id).sort()).toEqual(['comm-1', 'comm-2']);
    expect(c.units.map((x: any) => x.id).sort()).toEqual(['unit-1', 'unit-2']);
    const comm1 = c.communities.find((x: any) => x.id === 'comm-1');
    expect(comm1).toMatchObject({ membersReported: all(cloud, 'reports', { communityId: 'comm-1', status: 'approved' }).length, membersPending: all(cloud, 'reports', { communityId: 'comm-1', status: 'pending' }).length, unitsTotal: 1, unitsReported: 0 });
    expect(c.summary.total).toBe(c.units.reduce((s: number, x: any) => s + x.total, 0));
    expect(await cloud.call('org', 'coverage', { scopeId: 'street-2' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('org', 'coverage', { scopeId: 'street-1' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const root = okData(await cloud.call('org', 'coverage', { scopeId: 'root' }, 'demo-super'));
    expect(root.communities).toHaveLength(4);
    expect(root.units).toHaveLength(3);
  });

  it('invite codes: shown to the unit admin, regenerated on request, unique', async () => {
    expect(okData(await cloud.call('org', 'unitInvite', { unitId: 'unit-1' }, 'demo-unit-1')).inviteCode).toBe('TAX001');
    const fresh = okData(await cloud.call('org', 'unitInvite', { unitId: 'unit-1', regenerate: true }, 'demo-unit-1')).inviteCode;
    expect(fresh).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    await newMember(cloud, 'nz');
    expect(await cloud.call('member', 'joinUnit', { inviteCode: 'TAX001' }, 'nz')).toMatchObject({ ok: false, code: 'INVITE_INVALID' });
    expect(okData(await cloud.call('member', 'joinUnit', { inviteCode: fresh }, 'nz')).unit.id).toBe('unit-1');
    expect(await cloud.call('org', 'unitInvite', { unitId: 'unit-1' }, 'admin-u2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  });
});

describe('tree and lists', () => {
  it('lists communities and units publicly, the tree only within scope', async () => {
    expect(okData(await cloud.call('org', 'listCommunities', { streetId: 'street-2' }, 'demo-newcomer')).items.map((c: any) => c.id).sort()).toEqual(['comm-3', 'comm-4']);
    expect(okData(await cloud.call('org', 'listUnits', { communityId: 'comm-1' }, 'demo-newcomer')).items).toEqual([{ id: 'unit-1', name: '锦华区税务局', communityId: 'comm-1', communityName: '东湖社区', streetId: 'street-1' }]);
    expect(okData(await cloud.call('org', 'tree', {}, 'demo-street-1')).items.map((o: any) => o.id).sort()).toEqual(['comm-1', 'comm-2', 'grid-1-1', 'grid-1-2', 'grid-1-3', 'street-1']); // 东湖社区's 网格 are in the street's tree
    expect(okData(await cloud.call('org', 'tree', {}, 'demo-member-1')).items).toEqual([]);
  });
});
