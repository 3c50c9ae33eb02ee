/**
 * Review: phone numbers in the points admin pages. Full only for the admins of the member's own
 * community (as in report.roster); a street / district / super admin, who may open the same pages,
 * sees them masked.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { name: '张三', communityId: 'c1', phone: '13812345678' });
  addAdmin(cloud, 'community', 'c1', 'adminA');
  addAdmin(cloud, 'street', 's1', 'adminS');
  addAdmin(cloud, 'district', 'd1', 'adminD');
});

const masked = /^1\d{2}\*{4}\d{4}$/;

it('the community admin sees full phones', async () => {
  const list = await cloud.call('points', 'communityMembers', { communityId: 'c1' }, 'adminA');
  expect(list.data.items[0].phone).toBe('13812345678');
  const ledger = await cloud.call('points', 'memberLedger', { openid: 'm1' }, 'adminA');
  expect(ledger.data.member.phone).toBe('13812345678');
});

it.each(['adminS', 'adminD'])('%s (above the community) sees them masked', async (who) => {
  const list = await cloud.call('points', 'communityMembers', { communityId: 'c1' }, who);
  expect(list).toMatchObject({ ok: true });
  expect(list.data.items[0].phone).toMatch(masked);
  const ledger = await cloud.call('points', 'memberLedger', { openid: 'm1' }, who);
  expect(ledger).toMatchObject({ ok: true });
  expect(ledger.data.member.phone).toMatch(masked);
});
