/**
 * Review: unit member lists mask phones (issue 11). The unit admin may reveal the full number of a
 * member or an applicant (org.revealPhone, audited); someone the unit turned down is not its member.
 */
import type { TestCloud } from '../helpers/cloud';
import { newMember, okData, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

const masked = /^1\d{2}\*{4}\d{4}$/;

it('masked in lists; revealable while pending, not once rejected', async () => {
  await newMember(cloud, 'nr', '陈拒');
  okData(await cloud.call('member', 'joinUnit', { inviteCode: 'TAX001' }, 'nr'));
  const pending = okData(await cloud.call('org', 'unitMembers', { unitId: 'unit-1', unitStatus: 'pending' }, 'demo-unit-1'));
  expect(pending.items.find((m: any) => m.openid === 'nr').phone).toMatch(masked);
  expect(okData(await cloud.call('org', 'revealPhone', { openid: 'nr' }, 'demo-unit-1')).phone).toBe('13912345678');

  const rejected = okData(await cloud.call('org', 'confirmMember', { unitId: 'unit-1', openid: 'nr', decision: 'reject' }, 'demo-unit-1'));
  expect(rejected.member).toMatchObject({ unitStatus: 'rejected' });
  expect(rejected.member.phone).toMatch(masked);
  const list = okData(await cloud.call('org', 'unitMembers', { unitId: 'unit-1', unitStatus: 'rejected' }, 'demo-unit-1'));
  expect(list.items.find((m: any) => m.openid === 'nr').phone).toMatch(masked);
  expect(await cloud.call('org', 'revealPhone', { openid: 'nr' }, 'demo-unit-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
});
