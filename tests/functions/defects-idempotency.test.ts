/**
 * issue 11 (1): a double tap or a retry of a creating action creates ONE thing. The same client
 * `requestId` twice — one after the other or at the same time — answers the same result.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all, newMember, okData, seedDemo } from './report.fixture';
import { ADMIN_A, seedOrgs, taskInput } from './task-fixtures';

jest.setTimeout(60_000);
let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const task = (action: string, data: unknown) => cloud.call('task', action, data, ADMIN_A);

describe('tasks, needs, projects', () => {
  beforeEach(async () => { await cloud.wipe(); await seedOrgs(cloud); });

  it('saveTask: five concurrent saves with one requestId create one task, all answer it', async () => {
    const input = { ...taskInput(Date.now()), requestId: 'req-task-0001' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => task('saveTask', input)));
    const ids = answers.map((a) => okData(a).task.id);
    expect(new Set(ids).size).toBe(1);
    expect(all(cloud, 'tasks')).toHaveLength(1);
    // a retry later answers the same, a new requestId creates a second task
    expect(okData(await task('saveTask', input)).task.id).toBe(ids[0]);
    expect(okData(await task('saveTask', { ...input, requestId: 'req-task-0002' })).task.id).not.toBe(ids[0]);
    expect(all(cloud, 'tasks')).toHaveLength(2);
  });

  it('the requestId is per caller: another admin with the same id creates their own', async () => {
    const input = { ...taskInput(Date.now()), requestId: 'req-shared-01' };
    okData(await task('saveTask', input));
    await cloud.db.collection('admins').add({ data: { _id: `community:cA:adm-2`, openid: 'adm-2', role: 'community', scopeId: 'cA', name: '丙', createdAt: new Date() } });
    okData(await cloud.call('task', 'saveTask', input, 'adm-2'));
    expect(all(cloud, 'tasks')).toHaveLength(2);
  });

  it('saveNeed and saveProject: concurrent duplicates create one', async () => {
    const need = { communityId: 'cA', title: '楼道照明', requestId: 'req-need-0001' };
    const needs = await Promise.all([task('saveNeed', need), task('saveNeed', need), task('saveNeed', need)]);
    expect(new Set(needs.map((n) => okData(n).need.id)).size).toBe(1);
    expect(all(cloud, 'needs')).toHaveLength(1);
    const project = { communityId: 'cA', title: '点亮楼道', requestId: 'req-proj-0001' };
    const projects = await Promise.all([task('saveProject', project), task('saveProject', project), task('saveProject', project)]);
    expect(new Set(projects.map((p) => okData(p).project.id)).size).toBe(1);
    expect(all(cloud, 'projects')).toHaveLength(1);
  });
});

describe('unit report', () => {
  beforeEach(() => seedDemo(cloud));
  const resources = [{ kind: 'expertise', title: '法律咨询' }];
  const agreement = { startDate: '2026-12-01', endDate: '2027-11-30', commitments: ['每季度开展一次共建活动'], contactName: '赵强', contactPhone: '13800000004' };

  it('submitUnitReport: a double tap answers the same report, no ALREADY_PENDING / CONFLICT', async () => {
    const input = { unitId: 'unit-1', resources, agreement, requestId: 'req-unit-0001' };
    const answers = await Promise.all([1, 2, 3].map(() => cloud.call('report', 'submitUnitReport', input, 'demo-unit-1')));
    expect(new Set(answers.map((a) => okData(a).unitReport.id)).size).toBe(1);
    expect(all(cloud, 'unitReports', { unitId: 'unit-1' })).toHaveLength(1);
    // the admins' notice waits in the outbox for their 09:00 digest
    expect(all(cloud, 'outbox', { kind: 'unitReport' }).length).toBeGreaterThan(0);
    const notices = all(cloud, 'outbox', { kind: 'unitReport' }).length;
    okData(await cloud.call('report', 'submitUnitReport', input, 'demo-unit-1'));
    expect(all(cloud, 'outbox', { kind: 'unitReport' })).toHaveLength(notices); // a replay notifies nobody again
  });
});

describe('member report', () => {
  beforeEach(() => seedDemo(cloud));

  it('submit: a double tap and a later retry answer one report and notify the admins once', async () => {
    await newMember(cloud, 'nc-idem', '李新');
    const input = { communityId: 'comm-1', requestId: 'req-report-01' };
    const answers = await Promise.all([1, 2].map(() => cloud.call('report', 'submit', input, 'nc-idem')));
    expect(new Set(answers.map((a) => okData(a).report.id)).size).toBe(1);
    expect(okData(await cloud.call('report', 'submit', input, 'nc-idem')).report.id).toBe(okData(answers[0]).report.id);
    expect(all(cloud, 'reports', { openid: 'nc-idem' })).toHaveLength(1);
    expect(all(cloud, 'outbox', { kind: 'report', openid: 'demo-community-1' })).toHaveLength(1); // one digest notice
  });
});
