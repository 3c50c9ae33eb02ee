/** issue 11: 一键提醒 reminds only verified members with neither an approved nor a pending report. */
import type { TestCloud } from '../helpers/cloud';
import { all, newMember, okData, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));

it('a member whose report is pending is not reminded', async () => {
  await newMember(cloud, 'nc-wait', '郑十');
  okData(await cloud.call('member', 'joinUnit', { inviteCode: 'TAX001' }, 'nc-wait'));
  okData(await cloud.call('org', 'confirmMember', { unitId: 'unit-1', openid: 'nc-wait', decision: 'verify' }, 'demo-unit-1'));
  okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, 'nc-wait'));
  okData(await cloud.call('report', 'remindUnreported', { unitId: 'unit-1' }, 'demo-unit-1'));
  const reminders = [...all(cloud, 'outbox'), ...all(cloud, 'inbox')].filter((n: any) => n.kind === 'reminder');
  expect(reminders.length).toBeGreaterThan(0); // others were reminded
  expect(reminders.filter((n: any) => n.openid === 'nc-wait')).toHaveLength(0);
});
