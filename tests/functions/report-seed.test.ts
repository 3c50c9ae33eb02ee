/** The demo seed's report data is real data: member/org/report functions read it like any other. */
import { runSeed } from '../../scripts/seed';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { okData } from './report.fixture';

jest.setTimeout(120_000);
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  await runSeed(cloud.db, { now: new Date() });
});
afterAll(() => cloud?.stop());

it('seeds unit reports, inbox messages, and coverage the admin views show', async () => {
  const root = okData(await cloud.call('org', 'coverage', { scopeId: 'root' }, 'demo-super'));
  expect(root.summary).toMatchObject({ unitsTotal: 3, unitsReported: 1 });
  expect(root.summary.total).toBeGreaterThan(0);
  expect(root.units.find((u: any) => u.id === 'unit-3').unitReportStatus).toBe('pending');
  const waiting = okData(await cloud.call('report', 'unitReports', { communityId: 'comm-3', status: 'pending' }, 'demo-super'));
  expect(waiting.items[0]).toMatchObject({ unitName: '锦华区实验小学', resources: [{ title: '操场与多功能厅' }, { title: '教师志愿者' }] });
  const box = okData(await cloud.call('member', 'inbox', {}, 'demo-member-1'));
  expect(box.total).toBeGreaterThanOrEqual(2);
  expect(box.unread).toBeGreaterThanOrEqual(1);
  // demo-unit-1 has not reported its unit yet: the form is open for the demo
  expect(okData(await cloud.call('report', 'unitReports', { unitId: 'unit-1' }, 'demo-unit-1')).total).toBe(0);
  const who = okData(await cloud.call('member', 'whoami', {}, 'demo-member-1'));
  expect(who.report).toMatchObject({ status: 'approved', communityName: '东湖社区' });
});
