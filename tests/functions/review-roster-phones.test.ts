/**
 * Review: rosters mask every phone (issue 11: lists never show 11 digits). The full number comes
 * only from org.revealPhone, and only while the member is the community's: asking to report there
 * or reported there, not after moving away.
 */
import type { TestCloud } from '../helpers/cloud';
import { okData, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

const masked = /^1\d{2}\*{4}\d{4}$/;

it('the old community sees a moved member’s phone masked; the new one in full', async () => {
  const before = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', status: 'approved', q: '张伟' }, 'demo-community-1'));
  expect(before.items.find((i: any) => i.openid === 'demo-member-1').phone).toMatch(masked);
  expect((await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-community-1')).ok).toBe(true);

  const { report } = okData(await cloud.call('report', 'submit', { communityId: 'comm-2', confirmMove: true }, 'demo-member-1'));
  // while the move waits the member is still comm-1's, and comm-2 reviews the request
  const pending = okData(await cloud.call('report', 'pending', { communityId: 'comm-2' }, 'admin-c2'));
  expect(pending.items.find((i: any) => i.openid === 'demo-member-1').phone).toMatch(masked);
  expect((await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'admin-c2')).ok).toBe(true);
  okData(await cloud.call('report', 'approve', { reportId: report.id }, 'admin-c2'));

  const closed = okData(await cloud.call('report', 'roster', { communityId: 'comm-1', status: 'closed' }, 'demo-community-1'));
  const row = closed.items.find((i: any) => i.openid === 'demo-member-1');
  expect(row).toMatchObject({ status: 'closed' });
  expect(row.phone).toMatch(masked);
  expect(await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });

  const now = okData(await cloud.call('report', 'roster', { communityId: 'comm-2', status: 'approved' }, 'admin-c2'));
  expect(now.items.find((i: any) => i.openid === 'demo-member-1').phone).toMatch(masked);
  expect((await cloud.call('org', 'revealPhone', { openid: 'demo-member-1' }, 'admin-c2')).data.phone).toMatch(/^1\d{10}$/);
});
