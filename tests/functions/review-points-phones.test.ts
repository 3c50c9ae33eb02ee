/**
 * Review: phone numbers in the points admin pages are masked for every admin (issue 11); the full
 * number only through org.revealPhone.
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

it('the community admin sees them masked too', async () => {
  const list = await cloud.call('points', 'communityMembers', { communityId: 'c1' }, 'adminA');
  expect(list.data.items[0].phone).toMatch(masked);
  const ledger = await cloud.call('points', 'memberLedger', { openid: 'm1' }, 'adminA');
  expect(ledger.data.member.phone).toMatch(masked);
});

it.each(['adminS', 'adminD'])('%s (above the community) sees them masked', async (who) => {
  const list = await cloud.call('points', 'communityMembers', { communityId: 'c1' }, who);
  expect(list).toMatchObject({ ok: true });
  expect(list.data.items[0].phone).toMatch(masked);
  const ledger = await cloud.call('points', 'memberLedger', { openid: 'm1' }, who);
  expect(ledger).toMatchObject({ ok: true });
  expect(ledger.data.member.phone).toMatch(masked);
});
