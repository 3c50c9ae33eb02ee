/** 群发: a community admin's notice reaches every member reported there, once per requestId, ≤ 3 a day, logged. */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all, okData, seedDemo } from './report.fixture';

let cloud: TestCloud;
/** in the emulator's default word list */
const RISKY = '网络赌博';
beforeAll(async () => { cloud = await startTestCloud(); await seedDemo(cloud); });
afterAll(() => cloud.stop());

const send = (requestId: string, who = 'demo-community-1', communityId = 'comm-1') =>
  cloud.call('notify', 'broadcast', { communityId, title: '周六义诊活动通知', body: '本周六上午在社区广场举办义诊，欢迎党员报名服务。', requestId }, who);

it('sends to the inbox of every member reported to the community, once per request, at most 3 a day', async () => {
  const reported = all(cloud, 'members', { communityId: 'comm-1' }).map((m: any) => m._id).sort();
  expect(reported.length).toBeGreaterThan(5);
  const first = okData(await send('req-00000001'));
  expect(first).toMatchObject({ recipients: reported.length, remainingToday: 2 });
  // a double tap / retry of the same request sends nothing more
  expect(okData(await send('req-00000001'))).toMatchObject({ recipients: reported.length, remainingToday: 2 });
  const inbox = all(cloud, 'inbox', { kind: 'notice' });
  expect(inbox.map((m: any) => m.openid).sort()).toEqual(reported);
  okData(await send('req-00000002'));
  okData(await send('req-00000003'));
  expect(await send('req-00000004')).toMatchObject({ ok: false, code: 'BROADCAST_LIMIT' });
  const log = okData(await cloud.call('notify', 'broadcasts', { communityId: 'comm-1' }, 'demo-community-1'));
  expect(log).toMatchObject({ total: 3, remainingToday: 0 });
  expect(log.items[0]).toMatchObject({ title: '周六义诊活动通知', recipients: reported.length, sentBy: 'demo-community-1' });
});

it('only the community\'s admins may send', async () => {
  expect(await send('req-00000010', 'demo-member-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await send('req-00000011', 'admin-c2')).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
  expect(await cloud.call('notify', 'broadcast', { communityId: 'comm-1', title: '', body: 'x', requestId: 'req-00000012' }, 'demo-community-1')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
});

it('a risky text is refused before anything is sent (content security)', async () => {
  const r = await cloud.call('notify', 'broadcast', { communityId: 'comm-1', title: '周日活动通知', body: `欢迎参加${RISKY}`, requestId: 'req-00000020' }, 'demo-community-1');
  expect(r).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('内容') });
  expect(all(cloud, 'broadcasts', { kind: 'broadcast', title: '周日活动通知' })).toHaveLength(0);
});
