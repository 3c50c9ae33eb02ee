/**
 * issue 11 (2, 5 and attendance minors): 0-minute service earns no points; sign-out before the start
 * is refused; a rule's minimum minutes (versioned, default 1) gates attendance points; 代为报名
 * candidates leave out members already signed up.
 */
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, HOUR, MIN, seedOrgs, taskInput } from './task-fixtures';

jest.setTimeout(60_000);
let cloud: TestCloud;
const T0 = Date.parse('2026-12-01T00:00:00Z'); // 08:00 in China
const at = (ms: number) => jest.setSystemTime(new Date(ms));
const task = (openid: string) => (action: string, data: unknown = {}) => cloud.call('task', action, data, openid);
const admin = task(ADMIN_A);
const entries = async (openid: string) => (await cloud.db.collection('ledger').where({ openid }).get()).data as Array<{ cause: string; amount: number; minutes: number }>;

beforeAll(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud?.stop();
  jest.useRealTimers();
});
beforeEach(async () => {
  at(T0);
  await cloud.wipe();
  await seedOrgs(cloud);
});

async function published(startIn = 2 * HOUR, hours = 2) {
  const saved = await admin('saveTask', taskInput(Date.now(), { slots: 5 }, startIn, hours));
  const pub = await admin('publish', { id: saved.data.task.id });
  expect(pub.ok).toBe(true);
  return pub.data.task as { id: string; startAt: string; endAt: string };
}
async function codeAt(taskId: string, ms: number) {
  at(ms);
  return (await admin('signinCode', { taskId })).data.code as string;
}

describe('sign-out before the start', () => {
  it('is refused with a clear message and records nothing', async () => {
    const t = await published();
    const start = Date.parse(t.startAt);
    expect((await task('m1')('signup', { taskId: t.id })).ok).toBe(true);
    expect((await task('m1')('signIn', { code: await codeAt(t.id, start - 20 * MIN), taskId: t.id })).ok).toBe(true);
    const early = await task('m1')('signOut', { code: await codeAt(t.id, start - 10 * MIN), taskId: t.id });
    expect(early).toMatchObject({ ok: false, code: 'SIGN_OUT_TOO_EARLY' });
    expect(early.message).toMatch(/开始后才能签退/);
    const s = (await cloud.db.collection('signups').doc(`${t.id}:m1`).get()).data;
    expect(s.signOutAt ?? null).toBeNull();
    // after the start it works
    expect((await task('m1')('signOut', { code: await codeAt(t.id, start + 5 * MIN), taskId: t.id })).data.minutes).toBe(5);
  });
});

describe('minimum minutes', () => {
  it('a 0-minute service (signed out within the first minute) earns no attendance points', async () => {
    const t = await published();
    const start = Date.parse(t.startAt);
    for (const m of ['m1', 'm2']) expect((await task(m)('signup', { taskId: t.id })).ok).toBe(true);
    for (const m of ['m1', 'm2']) expect((await task(m)('signIn', { code: await codeAt(t.id, start - 5 * MIN), taskId: t.id })).ok).toBe(true);
    expect((await task('m1')('signOut', { code: await codeAt(t.id, start + 30_000), taskId: t.id })).data.minutes).toBe(0);
    expect((await task('m2')('signOut', { code: await codeAt(t.id, start + 61 * MIN), taskId: t.id })).data.minutes).toBe(61);
    at(Date.parse(t.endAt) + MIN);
    expect((await admin('confirmAttendance', { taskId: t.id, acceptMissingSignOut: false })).ok).toBe(true);
    const m1 = await entries('m1');
    expect(m1.reduce((a, e) => a + e.amount, 0)).toBe(0);
    expect((await entries('m2')).reduce((a, e) => a + e.amount, 0)).toBe(5 + 2); // 5 per attendance + 2 per full hour
  });

  it('a rule version with minMinutes 30 withholds points below 30 minutes; older versions default to 1', async () => {
    const rules = await cloud.call('points', 'rules', { scopeId: 'cA' }, ADMIN_A);
    expect(rules.data.rule.minMinutes).toBe(1);
    const set = await cloud.call('points', 'setRules', { scopeId: 'cA', rule: { ...rules.data.rule, minMinutes: 30 } }, ADMIN_A);
    expect(set.ok).toBe(true);
    const t = await published();
    const start = Date.parse(t.startAt);
    for (const m of ['m1', 'm2']) expect((await task(m)('signup', { taskId: t.id })).ok).toBe(true);
    for (const m of ['m1', 'm2']) expect((await task(m)('signIn', { code: await codeAt(t.id, start - 5 * MIN), taskId: t.id })).ok).toBe(true);
    expect((await task('m1')('signOut', { code: await codeAt(t.id, start + 29 * MIN + 59_000), taskId: t.id })).data.minutes).toBe(29);
    expect((await task('m2')('signOut', { code: await codeAt(t.id, start + 30 * MIN), taskId: t.id })).data.minutes).toBe(30);
    at(Date.parse(t.endAt) + MIN);
    expect((await admin('confirmAttendance', { taskId: t.id, acceptMissingSignOut: false })).ok).toBe(true);
    expect((await entries('m1')).reduce((a, e) => a + e.amount, 0)).toBe(0);
    expect((await entries('m1')).reduce((a, e) => a + e.minutes, 0)).toBe(29); // minutes stay recorded in full
    expect((await entries('m2')).reduce((a, e) => a + e.amount, 0)).toBe(5 + 1);
    expect((await cloud.call('points', 'setRules', { scopeId: 'cA', rule: { ...rules.data.rule, minMinutes: -1 } }, ADMIN_A)).ok).toBe(false);
  });
});

describe('代为报名 candidates', () => {
  it('an empty search lists only members not signed up (nor waitlisted)', async () => {
    const t = await published();
    expect((await task('m1')('signup', { taskId: t.id })).ok).toBe(true);
    expect((await task('m2')('signup', { taskId: t.id })).ok).toBe(true);
    const all = await admin('candidates', { taskId: t.id, keyword: '' });
    const ids = all.data.items.map((i: { openid: string }) => i.openid);
    expect(ids).not.toContain('m1');
    expect(ids).not.toContain('m2');
    expect(ids).toEqual(expect.arrayContaining(['m3', 'm4', 'm5', 'm6']));
    const byName = await admin('candidates', { taskId: t.id, keyword: '党员m1' });
    expect(byName.data.items).toHaveLength(0);
  });
});
