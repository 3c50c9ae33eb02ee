/**
 * Review: an admin cannot change their own points. `adjust` already refuses one's own openid;
 * `reverse` must too (reversing one's own no-show deduction is an adjustment in one's favour), and
 * so must attendance recorded by hand (it turns into hours and points at confirmation) and the
 * approval of one's own report (it credits the report points).
 */
import { award } from '../../functions/_shared/ledger';
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, all, ledgerCtx, put, seedOrgs } from './points.fixture';
import { HOUR, MIN, taskInput } from './task-fixtures';

jest.setTimeout(60_000);
let cloud: TestCloud;
const T0 = Date.parse('2026-12-01T00:00:00Z');
beforeAll(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.stop();
  jest.useRealTimers();
});
beforeEach(async () => {
  jest.setSystemTime(new Date(T0));
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'adminA', { name: '社区书记', communityId: 'c1' });
  addMember(cloud, 'm1', { name: '张三', communityId: 'c1' });
  addAdmin(cloud, 'community', 'c1', 'adminA');
  addAdmin(cloud, 'community', 'c1', 'adminB');
});

const at = new Date('2026-06-01T02:00:00Z');

it('an admin cannot reverse an entry of their own', async () => {
  const { entryId } = await award(ledgerCtx(cloud), { openid: 'adminA', cause: 'noshow', sourceId: 't1', communityId: 'c1', at, actor: 'adminB' });
  const r = await cloud.call('points', 'reverse', { entryId, reason: '撤销缺席' }, 'adminA');
  expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await all<any>(cloud, 'ledger')).length).toBe(1);
  // another admin of the community may
  expect(await cloud.call('points', 'reverse', { entryId, reason: '撤销缺席' }, 'adminB')).toMatchObject({ ok: true, data: { points: 0 } });
});

it('an admin still reverses a member’s entry', async () => {
  const { entryId } = await award(ledgerCtx(cloud), { openid: 'm1', cause: 'noshow', sourceId: 't1', communityId: 'c1', at, actor: 'adminB' });
  expect(await cloud.call('points', 'reverse', { entryId, reason: '撤销缺席' }, 'adminA')).toMatchObject({ ok: true });
});

it('an admin cannot record attendance by hand for themself', async () => {
  const saved = await cloud.call('task', 'saveTask', taskInput(T0, { communityId: 'c1' }), 'adminA');
  const id = saved.data.task.id;
  expect(await cloud.call('task', 'publish', { id }, 'adminA')).toMatchObject({ ok: true });
  const start = Date.parse(saved.data.task.startAt);
  jest.setSystemTime(new Date(start + 3 * HOUR));
  const rec = (openid: string, who: string) => cloud.call('task', 'recordAttendance', { taskId: id, openid, signInAt: new Date(start).toISOString(), signOutAt: new Date(start + 90 * MIN).toISOString(), reason: '忘带手机' }, who);
  expect(await rec('adminA', 'adminA')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await all<any>(cloud, 'signups')).length).toBe(0);
  expect(await rec('adminA', 'adminB')).toMatchObject({ ok: true });
  expect(await rec('m1', 'adminA')).toMatchObject({ ok: true });
});

it('an admin cannot approve their own report (another admin of the community can)', async () => {
  put(cloud, 'members', [{ _id: 'adminA', name: '社区书记', phone: '13800001234', communityId: null, unitId: null, reportRev: 1, createdAt: new Date() }]);
  put(cloud, 'reports', [{ _id: 'r1', openid: 'adminA', communityId: 'c1', streetId: 's1', districtId: 'd1', unitId: null, name: '社区书记', status: 'pending', reason: null, moveFrom: null, movedTo: null, createdAt: new Date(), decidedAt: null, decidedBy: null, closedAt: null }]);
  expect(await cloud.call('report', 'approve', { reportId: 'r1' }, 'adminA')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await all<any>(cloud, 'reports'))[0].status).toBe('pending');
  expect((await all<any>(cloud, 'ledger')).length).toBe(0);
  expect(await cloud.call('report', 'approve', { reportId: 'r1' }, 'adminB')).toMatchObject({ ok: true, data: { followUp: 'queued' } });
  // the report timer credits it, with the approver as the actor
  expect(await cloud.invoke('report', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date().toISOString() })).toMatchObject({ finished: 1 });
  expect(await all<any>(cloud, 'ledger')).toEqual([expect.objectContaining({ openid: 'adminA', cause: 'report', actor: 'adminB' })]);
});
