/**
 * Review: a timer event is only a timer event when no user called. A member calling `reconcile`
 * from the mini-program with `{ Type: 'Timer' }` as data must not start the admin-only run.
 */
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addMember, seedOrgs } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'm1', { communityId: 'c1' });
});

const timer = { Type: 'Timer', TriggerName: 'nightly', Time: new Date().toISOString() };

it('a member cannot start the reconcile run by posing as its timer', async () => {
  const r = await cloud.invoke('reconcile', timer, 'm1');
  expect(r).toMatchObject({ ok: false });
  expect(r.runId).toBeUndefined();
  expect(await cloud.call('reconcile', 'run', {}, 'm1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

it('the real timer (no user) still runs', async () => {
  expect(await cloud.invoke('reconcile', timer)).toMatchObject({ drifts: 0 });
});
