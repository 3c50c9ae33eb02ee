/**
 * issue 9: every user-written text other people read goes through the content check BEFORE
 * anything is written — profiles, tasks, needs, projects and unit reports. '网络赌博' is on the
 * emulator's default word list; a risky text answers CONTENT_RISKY naming the field.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { all, seedDemo } from './report.fixture';
import { ADMIN_A, seedOrgs, taskInput } from './task-fixtures';

jest.setTimeout(60_000);
let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

const RISKY = '网络赌博';

describe('task texts', () => {
  beforeEach(async () => { await cloud.wipe(); await seedOrgs(cloud); });
  const task = (action: string, data: unknown) => cloud.call('task', action, data, ADMIN_A);

  it('saveTask refuses a risky title, description or place and writes nothing', async () => {
    const base = taskInput(Date.now());
    expect(await task('saveTask', { ...base, title: `${RISKY}活动` })).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('任务名称') });
    expect(await task('saveTask', { ...base, description: `欢迎参加${RISKY}` })).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('任务说明') });
    expect(await task('saveTask', { ...base, place: { ...base.place, name: `${RISKY}中心` } })).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('地点') });
    expect(all(cloud, 'tasks')).toHaveLength(0);
    expect(await task('saveTask', base)).toMatchObject({ ok: true });
  });

  it('saveNeed / saveProject refuse risky texts', async () => {
    expect(await task('saveNeed', { communityId: 'cA', title: '楼道照明', description: RISKY })).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    expect(await task('saveProject', { communityId: 'cA', title: `${RISKY}项目` })).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    expect(all(cloud, 'needs')).toHaveLength(0);
    expect(all(cloud, 'projects')).toHaveLength(0);
  });
});

describe('profiles and unit reports', () => {
  beforeEach(() => seedDemo(cloud));

  it('saveProfile refuses a risky name or 支部 and keeps the old profile', async () => {
    expect(await cloud.call('member', 'consentPrivacy', {}, 'cw1')).toMatchObject({ ok: true });
    const p = { name: '李新', phone: '13912345678', building: '3 栋', room: '2单元501', branch: '机关党支部' };
    expect(await cloud.call('member', 'saveProfile', { ...p, name: RISKY }, 'cw1')).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('姓名') });
    expect(await cloud.call('member', 'saveProfile', { ...p, branch: `${RISKY}支部` }, 'cw1')).toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('所在支部') });
    expect(all(cloud, 'members', { _id: 'cw1' })[0]).not.toHaveProperty('name');
    expect(await cloud.call('member', 'saveProfile', p, 'cw1')).toMatchObject({ ok: true });
  });

  it('submitUnitReport refuses a risky resource or commitment and writes no report', async () => {
    const agreement = { startDate: '2026-12-01', endDate: '2027-11-30', commitments: ['每季度开展一次共建活动'], contactName: '赵强', contactPhone: '13800000004' };
    const resources = [{ kind: 'expertise', title: '法律咨询' }];
    expect(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources: [{ kind: 'expertise', title: RISKY }], agreement }, 'demo-unit-1'))
      .toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('资源1名称') });
    expect(await cloud.call('report', 'submitUnitReport', { unitId: 'unit-1', resources, agreement: { ...agreement, commitments: [`组织${RISKY}`] } }, 'demo-unit-1'))
      .toMatchObject({ ok: false, code: 'CONTENT_RISKY', message: expect.stringContaining('共建承诺1') });
    expect(all(cloud, 'unitReports', { unitId: 'unit-1' })).toHaveLength(0);
  });
});
