/**
 * issue 11 (4): every list answers masked phones (报到审核, 报到名册, 积分调整, 单位党员); the full
 * number comes only from `org.revealPhone` for one member, to an admin of that member's own
 * community or unit, and every reveal writes an audit record.
 */
import type { TestCloud } from '../helpers/cloud';
import { all, newMember, okData, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

const masked = /^1\d{2}\*{4}\d{4}$/;
const reveals = () => all(cloud, 'auditLog', { action: 'member.revealPhone' });

it('lists answer masked phones, also to the member’s own community and unit admins', async () => {
  await newMember(cloud, 'nc-ph', '吴九');
  okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc-ph'));
  okData(await cloud.call('member', 'joinUnit', { inviteCode: 'TAX001' }, 'nc-ph'));
  const pending = okData(await cloud.call('report', 'pending', { communityId: 'comm-1' }, 'demo-community-1'));
  const roster = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', status: 'approved' }, 'demo-community-1'));
  const unit = okData(await cloud.call('org', 'unitMembers', { unitId: 'unit-1' }, 'demo-unit-1'));
  const unitPending = okData(await cloud.call('org', 'unitMembers', { unitId: 'unit-1', unitStatus: 'pending' }, 'demo-unit-1'));
  const points = okData(await cloud.call('points', 'communityMembers', { communityId: 'comm-1' }, 'demo-community-1'));
  const ledger = okData(await cloud.call('points', 'memberLedger', { openid: 'demo-member-1' }, 'demo-community-1'));
  const phones = [...pending.items, ...roster.items, ...unit.items, ...unitPending.items, ...points.items, ledger.member].map((i: { phone: string }) => i.phone).filter(Boolean);
  expect(phones.length).toBeGreaterThan(5);
  for (const p of phones) expect(p).toMatch(masked);
});

it('revealPhone: the member’s own community admin gets the full number, once audited per reveal', async () => {
  const member = all(cloud, 'members', { _id: 'demo-member-1' })[0];
  const r = okData(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-community-1'));
  expect(r).toEqual({ openid: 'demo-member-1', name: member.name, phone: member.phone });
  expect(reveals()).toEqual([expect.objectContaining({ actor: 'demo-community-1', targetOpenid: 'demo-member-1', subjectId: 'demo-member-1' })]);
  okData(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-community-1'));
  expect(reveals()).toHaveLength(2);
});

it('revealPhone: the unit admin of the member’s unit may; another community, a street admin or a member may not', async () => {
  const inUnit = all(cloud, 'members', { unitId: 'unit-1', unitStatus: 'verified' })[0];
  expect(okData(await cloud.call('org', 'revealPhone', { openid: inUnit._id }, 'demo-unit-1')).phone).toBe(inUnit.phone);
  expect(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'admin-c2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  expect(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-street-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  expect(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-member-2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await cloud.call('org', 'revealPhone', { openid: 'nobody' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' });
  expect(reveals()).toHaveLength(1);
});

it('revealPhone: after a move the old community may no longer, the new one may', async () => {
  const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-2', confirmMove: true }, 'demo-member-1'));
  // while the move waits, the community asked to approve it may reveal (it must call to check)
  expect((await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'admin-c2')).ok).toBe(true);
  okData(await cloud.call('report', 'approve', { reportId: report.id }, 'admin-c2'));
  expect(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  expect((await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'admin-c2')).ok).toBe(true);
});
