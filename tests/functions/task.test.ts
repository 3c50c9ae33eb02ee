import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, ADMIN_B, HOUR, MIN, seedOrgs, taskInput } from './task-fixtures';

jest.setTimeout(60_000);
let cloud: TestCloud;
const T0 = Date.parse('2026-12-01T00:00:00Z'); // 08:00 in China
const at = (ms: number) => jest.setSystemTime(new Date(ms));
const task = (openid: string) => (action: string, data: unknown = {}) => cloud.call('task', action, data, openid);
const admin = task(ADMIN_A);
const count = async (coll: string, where: object = {}) => (await cloud.db.collection(coll).where(where).count()).total as number;

beforeAll(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  cloud = await startTestCloud();
  process.env.SUBSCRIBE_TPL_TASK_CHANGE = 'tpl-task-change';
});
afterAll(async () => {
  delete process.env.SUBSCRIBE_TPL_TASK_CHANGE;
  await cloud?.stop();
  jest.useRealTimers();
});
beforeEach(async () => {
  at(T0);
  await cloud.wipe();
  await seedOrgs(cloud);
});

async function published(over: Record<string, unknown> = {}, startIn = 2 * HOUR, hours = 2) {
  const saved = await admin('saveTask', taskInput(Date.now(), over, startIn, hours));
  expect(saved.ok).toBe(true);
  const pub = await admin('publish', { id: saved.data.task.id });
  expect(pub.ok).toBe(true);
  return pub.data.task as { id: string; startAt: string; endAt: string };
}

describe('publishing', () => {
  it('refuses bad times with a clear code and writes nothing', async () => {
    const r = await admin('saveTask', taskInput(T0, { endAt: new Date(T0).toISOString() }));
    expect(r).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(r.message).toMatch(/结束时间/);
    const v = await admin('saveTask', taskInput(T0, { slots: 0 }));
    expect(v).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await count('tasks')).toBe(0);
  });

  it('keeps drafts from members and lists published tasks of their community', async () => {
    const saved = await admin('saveTask', taskInput(T0));
    expect(saved.data.task.status).toBe('draft');
    expect(await task('m1')('getTask', { id: saved.data.task.id })).toMatchObject({ ok: false, code: 'TASK_NOT_FOUND' });
    await admin('publish', { id: saved.data.task.id });
    const list = await task('m1')('listTasks', { scope: 'community' });
    expect(list.data.items.map((t: { id: string }) => t.id)).toEqual([saved.data.task.id]);
    expect(list.data.items[0]).toMatchObject({ phase: 'published', communityName: '幸福社区', signed: 0 });
    expect((await task('outsider')('listTasks', { scope: 'community' })).data.total).toBe(0);
  });

  it('keeps community admins to their own community', async () => {
    expect(await task(ADMIN_B)('saveTask', taskInput(T0))).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await task('m1')('saveTask', taskInput(T0))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const t = await published();
    const b = task(ADMIN_B);
    for (const [action, data] of [
      ['publish', { id: t.id }], ['cancel', { id: t.id, reason: 'x' }], ['signinCode', { taskId: t.id }],
      ['attendance', { taskId: t.id }], ['confirmAttendance', { taskId: t.id }], ['addMember', { taskId: t.id, openid: 'm1', reason: 'x' }],
      ['saveTask', { ...taskInput(T0), id: t.id }],
    ] as const) {
      expect(await b(action, data)).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    }
  });

  it('tells signed-up members about an edit and a cancellation', async () => {
    const t = await published();
    expect((await task('m1')('getTask', { id: t.id })).data.task.subscribeTemplateId).toBe('tpl-task-change');
    // m1 accepted one message at signup (WeChat records the consent, the app counts it); m2 did not
    cloud.openapi.subscribe('m1', ['tpl-task-change']);
    expect((await task('m1')('signup', { taskId: t.id })).ok).toBe(true);
    expect((await cloud.call('member', 'recordSubscribe', { accepted: ['tpl-task-change'] }, 'm1')).ok).toBe(true);
    const edit = await admin('saveTask', { ...taskInput(T0, { title: '小区环境清洁（改期）' }), id: t.id });
    expect(edit.data.notified).toBe(1);
    const tick = () => cloud.invoke('notify', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date().toISOString() });
    await tick();
    const cancelled = await admin('cancel', { id: t.id, reason: '暴雨预警' });
    expect(cancelled.data).toMatchObject({ notified: 1, task: { status: 'cancelled', cancelReason: '暴雨预警' } });
    const inbox = await cloud.db.collection('inbox').where({ openid: 'm1' }).get();
    expect(inbox.data.map((m: { title: string }) => m.title)).toEqual(expect.arrayContaining([expect.stringContaining('任务有变更'), expect.stringContaining('任务已取消')]));
    expect(await task('m2')('signup', { taskId: t.id })).toMatchObject({ ok: false, code: 'TASK_CANCELLED' });
    // the notify timer delivers the pushes: one consent = one subscribe message, the edit used it,
    // the cancellation reached the inbox only
    await tick();
    expect(await count('outbox', { key: `task-cancel:${t.id}:m1`, push: 'skipped' })).toBe(1);
    const pushed = cloud.openapi.outbox({ touser: 'm1', templateId: 'tpl-task-change' });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ page: `pages/task-detail/index?id=${t.id}`, data: { thing1: { value: '小区环境清洁（改期）' }, thing3: { value: '时间地点等信息有更新' } } });
  });
});

describe('signup', () => {
  it('fills slots, then a waitlist promoted first come first served', async () => {
    const t = await published({ slots: 2 });
    expect((await task('m1')('signup', { taskId: t.id })).data).toMatchObject({ status: 'signed', position: null, overlap: false });
    expect((await task('m2')('signup', { taskId: t.id })).data.status).toBe('signed');
    expect((await task('m3')('signup', { taskId: t.id })).data).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await task('m4')('signup', { taskId: t.id })).data).toMatchObject({ status: 'waitlisted', position: 2 });
    expect((await task('m4')('getTask', { id: t.id })).data.task.mine).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await task('m1')('signup', { taskId: t.id })).toMatchObject({ ok: false, code: 'ALREADY_SIGNED_UP' });
    expect(await task('outsider')('signup', { taskId: t.id })).toMatchObject({ ok: false, code: 'NOT_IN_COMMUNITY' });
    expect(await task('nobody')('signup', { taskId: t.id })).toMatchObject({ ok: false, code: 'PROFILE_INCOMPLETE' });

    expect((await task('m1')('cancelSignup', { taskId: t.id })).data).toEqual({ status: 'cancelled', promoted: 1 });
    const m3 = await task('m3')('getTask', { id: t.id });
    expect(m3.data.task).toMatchObject({ signed: 2, waitlisted: 1, mine: { status: 'signed' } });
    expect(await count('inbox', { openid: 'm3' })).toBe(1);
    expect(await task('m1')('cancelSignup', { taskId: t.id })).toMatchObject({ ok: false, code: 'NOT_SIGNED_UP' });

    at(Date.parse(t.startAt) - HOUR + 1); // past the signup deadline
    expect(await task('m2')('cancelSignup', { taskId: t.id })).toMatchObject({ ok: false, code: 'CANCEL_CLOSED' });
    expect(await task('m5')('signup', { taskId: t.id })).toMatchObject({ ok: false, code: 'SIGNUP_CLOSED' });
  });

  it('warns about an overlapping task and lets an admin add a member by hand', async () => {
    const a = await published({ slots: 1 });
    const b = await published({ slots: 1, title: '文明劝导' }, 3 * HOUR);
    await task('m1')('signup', { taskId: a.id });
    const r = await task('m1')('signup', { taskId: b.id });
    expect(r.data).toMatchObject({ status: 'signed', overlap: true, overlapTitles: ['小区环境清洁'] });
    expect((await admin('addMember', { taskId: b.id, openid: 'm2', reason: '老党员不会用手机' })).data.status).toBe('signed');
    expect((await admin('attendance', { taskId: b.id })).data.rows.map((x: { openid: string }) => x.openid)).toEqual(['m1', 'm2']);
    expect(await count('auditLog', { subjectId: b.id, action: 'task.addMember' })).toBe(1);
    const my = await task('m1')('myTasks', {});
    expect(my.data.total).toBe(2);
  });
});

describe('sign-in codes', () => {
  async function codeAt(taskId: string, ms: number) {
    at(ms);
    const r = await admin('signinCode', { taskId });
    expect(r.ok).toBe(true);
    expect(r.data.dataUrl).toMatch(/^data:image\/png;base64,/);
    return r.data.code as string;
  }

  it('accepts the current and previous step, refuses expired, forged and other-task codes', async () => {
    const t = await published();
    const other = await published({ title: '政策宣讲' });
    const m1 = task('m1');
    await m1('signup', { taskId: t.id });
    const start = Date.parse(t.startAt);
    const code = await codeAt(t.id, start);

    at(start + 61_000); // two steps later: expired
    expect(await m1('signIn', { code, taskId: t.id })).toMatchObject({ ok: false, code: 'CODE_EXPIRED' });
    const forged = code.slice(0, -4) + (code.endsWith('0000') ? '1111' : '0000');
    at(start);
    expect(await m1('signIn', { code: forged, taskId: t.id })).toMatchObject({ ok: false, code: 'CODE_INVALID' });
    expect(await m1('signIn', { code: 'SBD1.' + t.id + '.1.0123456789abcdef' })).toMatchObject({ ok: false, code: 'CODE_INVALID' }); // old step with a made-up MAC: forged, not merely expired
    const otherCode = await codeAt(other.id, start);
    expect(await m1('signIn', { code: otherCode, taskId: t.id })).toMatchObject({ ok: false, code: 'CODE_OTHER_TASK' });
    expect(await m1('signIn', { code: otherCode })).toMatchObject({ ok: false, code: 'NOT_SIGNED_UP' });
    expect(await m1('signIn', { code: 'hello' })).toMatchObject({ ok: false, code: 'CODE_INVALID' });

    at(start + 30_000 + 5_000); // the next step: the previous code is still accepted
    const ok = await m1('signIn', { code, taskId: t.id });
    expect(ok).toMatchObject({ ok: true, data: { taskId: t.id } });
    expect(await m1('signIn', { code: await codeAt(t.id, start + 40_000), taskId: t.id })).toMatchObject({ ok: false, code: 'ALREADY_SIGNED_IN' });
  });

  it('opens sign-in exactly 30 minutes before the start and closes it at the end', async () => {
    const t = await published({ slots: 3 });
    for (const m of ['m1', 'm2', 'm3']) await task(m)('signup', { taskId: t.id });
    const start = Date.parse(t.startAt);
    const end = Date.parse(t.endAt);
    const early = await codeAt(t.id, start - 30 * MIN - 1);
    expect(await task('m1')('signIn', { code: early })).toMatchObject({ ok: false, code: 'SIGN_IN_NOT_OPEN' });
    expect(await task('m1')('signIn', { code: await codeAt(t.id, start - 30 * MIN) })).toMatchObject({ ok: true });
    expect(await task('m2')('signIn', { code: await codeAt(t.id, end) })).toMatchObject({ ok: true });
    expect(await task('m3')('signIn', { code: await codeAt(t.id, end + 1) })).toMatchObject({ ok: false, code: 'SIGN_IN_CLOSED' });
    // sign-out needs a sign-in first
    expect(await task('m3')('signOut', { code: await codeAt(t.id, end + 2) })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
  });

  it('checks the geofence when the task has one', async () => {
    const t = await published({ place: { name: '社区服务站', lat: 30.25, lng: 120.15, radius: 200 } });
    await task('m1')('signup', { taskId: t.id });
    const code = await codeAt(t.id, Date.parse(t.startAt));
    expect(await task('m1')('signIn', { code })).toMatchObject({ ok: false, code: 'LOCATION_REQUIRED' });
    expect(await task('m1')('signIn', { code, location: { lat: 30.26, lng: 120.15 } })).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(await task('m1')('signIn', { code, location: { lat: 30.2505, lng: 120.1502 } })).toMatchObject({ ok: true });
  });

  it('never hands the secret to a client', async () => {
    const t = await published();
    const detail = await admin('getTask', { id: t.id });
    const secret = (await cloud.db.collection('tasks').doc(t.id).get()).data.codeSecret as string;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(detail)).not.toContain(secret);
    expect(JSON.stringify(await admin('signinCode', { taskId: t.id }))).not.toContain(secret);
  });
});

describe('attendance and hours', () => {
  it('records hours clipped to the window, flags a missing sign-out, and scores once on confirm', async () => {
    const t = await published({ slots: 4 });
    for (const m of ['m1', 'm2', 'm3', 'm4']) await task(m)('signup', { taskId: t.id });
    const start = Date.parse(t.startAt);
    const end = Date.parse(t.endAt);
    at(start - 10 * MIN);
    let code = (await admin('signinCode', { taskId: t.id })).data.code;
    await task('m1')('signIn', { code });
    await task('m3')('signIn', { code });
    at(end + 10 * MIN);
    code = (await admin('signinCode', { taskId: t.id })).data.code;
    const out = await task('m1')('signOut', { code });
    expect(out.data.minutes).toBe(120); // clipped to the 2-hour window
    expect(await task('m1')('signOut', { code })).toMatchObject({ ok: false, code: 'ALREADY_SIGNED_OUT' });

    // m4 had no phone: the admin records it, with a reason kept in the audit log
    const future = { taskId: t.id, openid: 'm4', signInAt: new Date(start).toISOString(), signOutAt: new Date(end + 30 * MIN).toISOString(), reason: '手机没电' };
    expect(await admin('recordAttendance', future)).toMatchObject({ ok: false, code: 'INVALID_TIME' });
    expect(await admin('recordAttendance', { ...future, signOutAt: new Date(start + 90 * MIN).toISOString(), reason: ' ' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '原因：此项不能为空' });
    const rec = await admin('recordAttendance', { taskId: t.id, openid: 'm4', signInAt: new Date(start).toISOString(), signOutAt: new Date(start + 90 * MIN).toISOString(), reason: '手机没电' });
    expect(rec.data.row).toMatchObject({ openid: 'm4', minutes: 90, byAdmin: true });
    expect(await count('auditLog', { subjectId: t.id, action: 'task.recordAttendance', targetOpenid: 'm4' })).toBe(1);

    const list = await admin('attendance', { taskId: t.id });
    expect(list.data.missingSignOut).toBe(1);
    expect(list.data.rows.find((r: { openid: string }) => r.openid === 'm3').missingSignOut).toBe(true);

    const missing = await admin('confirmAttendance', { taskId: t.id });
    expect(missing).toMatchObject({ ok: false, code: 'MISSING_SIGN_OUT' });
    expect(await count('ledger')).toBe(0);

    const first = await admin('confirmAttendance', { taskId: t.id, acceptMissingSignOut: true });
    expect(first.data).toEqual({ attended: 3, noshow: 1, totalMinutes: 210, alreadyConfirmed: false });
    expect(await count('ledger', { sourceId: t.id })).toBe(4);
    expect(await count('ledger', { sourceId: t.id, cause: 'noshow', openid: 'm2' })).toBe(1);
    // m4's attendance was recorded by hand: its credit waits for a second admin (复核), counting nowhere
    expect(await count('ledger', { sourceId: t.id, openid: 'm4', review: 'held', amount: 0 })).toBe(1);
    expect(await count('reviews', { _id: `attendance:${t.id}:m4`, status: 'awaiting', maker: ADMIN_A })).toBe(1);
    expect((await admin('attendance', { taskId: t.id })).data.rows.find((r: { openid: string }) => r.openid === 'm4')).toMatchObject({ manual: true });
    const again = await admin('confirmAttendance', { taskId: t.id, acceptMissingSignOut: true });
    expect(again.data).toMatchObject({ alreadyConfirmed: true, attended: 3 });
    expect(await count('ledger', { sourceId: t.id })).toBe(4);

    const hist = await task('m1')('history', {});
    expect(hist.data).toMatchObject({ total: 1, totalMinutes: 120, items: [{ taskId: t.id, minutes: 120, noshow: false }] });
    expect((await task('m1')('getTask', { id: t.id })).data.task.phase).toBe('finished');
    expect(await admin('recordAttendance', { taskId: t.id, openid: 'm2', signInAt: new Date(start).toISOString(), signOutAt: new Date(end).toISOString(), reason: '补录' })).toMatchObject({ ok: false, code: 'TASK_NOT_OPEN' });
  });

  it('refuses to confirm before the end', async () => {
    const t = await published();
    at(Date.parse(t.endAt) - 1);
    expect(await admin('confirmAttendance', { taskId: t.id })).toMatchObject({ ok: false, code: 'TASK_NOT_ENDED' });
  });

  it('caps service minutes per member and day across tasks (8 h)', async () => {
    // both on 2026-12-01 China time: 09:00–14:00 and 14:00–19:00
    const a = await published({ slots: 1, signupDeadline: new Date(T0).toISOString() }, 1 * HOUR, 5);
    const b = await published({ slots: 1, title: '敬老院探访', category: 'care', signupDeadline: new Date(T0).toISOString() }, 6 * HOUR, 5);
    for (const t of [a, b]) {
      await task('m1')('signup', { taskId: t.id });
      at(Date.parse(t.endAt));
      await admin('recordAttendance', { taskId: t.id, openid: 'm1', signInAt: t.startAt, signOutAt: t.endAt, reason: '集中补录' });
      expect((await admin('confirmAttendance', { taskId: t.id })).ok).toBe(true);
      at(T0);
    }
    const hist = await task('m1')('history', {});
    expect(hist.data.totalMinutes).toBe(480);
    const byTask = Object.fromEntries(hist.data.items.map((i: { taskId: string; minutes: number }) => [i.taskId, i.minutes]));
    expect(byTask).toEqual({ [a.id]: 300, [b.id]: 180 });
  });

  it('keeps the daily cap across New Year: Dec 31 minutes of a task ending in the next year stay on the old year balance', async () => {
    const dec31 = 30 * 24 * HOUR; // T0 + 30 days = 2026-12-31 08:00 China time
    // confirmed first: 20:00–02:00 across midnight (240 min on Dec 31, 120 on Jan 1; its credit belongs to 2027)
    const late = await published({ slots: 1, title: '跨年守夜', signupDeadline: new Date(T0).toISOString() }, dec31 + 12 * HOUR, 6);
    // then 11:00–19:00 on Dec 31 only: 8 h, of which the cap leaves 480 − 240
    const day = await published({ slots: 1, title: '年末清扫', signupDeadline: new Date(T0).toISOString() }, dec31 + 3 * HOUR, 8);
    for (const t of [late, day]) {
      await task('m1')('signup', { taskId: t.id });
      at(Date.parse(t.endAt) + HOUR);
      await admin('recordAttendance', { taskId: t.id, openid: 'm1', signInAt: t.startAt, signOutAt: t.endAt, reason: '集中补录' });
      expect((await admin('confirmAttendance', { taskId: t.id })).ok).toBe(true);
      at(T0);
    }
    const signups = (await cloud.db.collection('signups').where({ openid: 'm1' }).limit(10).get()).data as Array<{ taskId: string; minutes: number }>;
    expect(Object.fromEntries(signups.map((s) => [s.taskId, s.minutes]))).toEqual({ [late.id]: 360, [day.id]: 240 });
    const balances = (await cloud.db.collection('balances').where({ openid: 'm1' }).limit(10).get()).data as Array<{ year: number; dayMinutes: Record<string, number> }>;
    expect(Object.fromEntries(balances.map((b) => [b.year, b.dayMinutes]))).toEqual({ 2026: { '2026-12-31': 480 }, 2027: { '2027-01-01': 120 } });
  });
});

describe('three lists and member lists', () => {
  it('records needs, lists unit resources, matches a project, and publishes a task from a need', async () => {
    await cloud.db.collection('unitReports').add({ data: { unitId: 'u1', communityId: 'cA', status: 'approved', resources: [{ kind: 'volunteer', title: '党员志愿服务队', detail: '每月一次', quantity: 20, unit: '人' }], createdAt: new Date() } });
    await cloud.db.collection('unitReports').add({ data: { unitId: 'u1', communityId: 'cA', status: 'pending', resources: [{ kind: 'venue', title: '会议室', detail: '', quantity: 0, unit: '' }], createdAt: new Date() } });
    await cloud.db.collection('units').add({ data: { _id: 'u1', name: '区税务局', communityId: 'cA' } });
    const need = (await admin('saveNeed', { communityId: 'cA', title: '独居老人探访', category: 'care' })).data.need;
    expect(need).toMatchObject({ status: 'open', category: 'care' });
    expect(await task(ADMIN_B)('saveNeed', { communityId: 'cA', title: 'x' })).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    const res = await admin('listResources', { communityId: 'cA' });
    expect(res.data.items).toEqual([expect.objectContaining({ unitName: '区税务局', text: '志愿者·党员志愿服务队 20人：每月一次' })]);
    const project = await admin('saveProject', { communityId: 'cA', title: '银龄关爱', needId: need.id, resource: res.data.items[0].text, unitId: 'u1' });
    expect(project.data.project).toMatchObject({ needTitle: '独居老人探访', unitName: '区税务局' });
    expect((await admin('listNeeds', { communityId: 'cA' })).data.items[0].status).toBe('matched');
    expect((await admin('listProjects', { communityId: 'cA' })).data.total).toBe(1);
    const t = await admin('saveTask', taskInput(T0, { source: { kind: 'need', id: need.id } }));
    expect(t.data.task.source).toEqual({ kind: 'need', id: need.id });
    const foreign = (await task(ADMIN_B)('saveNeed', { communityId: 'cB', title: '别的社区' })).data.need;
    expect(await admin('saveTask', taskInput(T0, { source: { kind: 'need', id: foreign.id } }))).toMatchObject({ ok: false, code: 'SOURCE_NOT_FOUND' });
  });

  it('filters by category and day, pages, and shows open tasks of nearby communities', async () => {
    await published({ title: '文明劝导', category: 'civility' });
    await published({ title: '次日巡逻', category: 'patrol' }, 26 * HOUR);
    await published({ title: '清洁 A' });
    const m1 = task('m1');
    expect((await m1('listTasks', { category: 'civility' })).data.items.map((t: { title: string }) => t.title)).toEqual(['文明劝导']);
    expect((await m1('listTasks', { date: '2026-12-02' })).data.items.map((t: { title: string }) => t.title)).toEqual(['次日巡逻']);
    const page1 = await m1('listTasks', { page: 1, pageSize: 2 });
    const page2 = await m1('listTasks', { page: 2, pageSize: 2 });
    expect(page1.data).toMatchObject({ total: 3, page: 1 });
    expect(page1.data.items).toHaveLength(2);
    expect(page2.data.items).toHaveLength(1);
    // a task of community A open to anyone shows up as "nearby" for a member of B (same street)
    await published({ title: '全员义诊', audience: 'anyone' });
    const near = await task('outsider')('listTasks', { scope: 'nearby' });
    expect(near.data.items.map((t: { title: string }) => t.title)).toEqual(['全员义诊']);
    expect(await m1('listTasks', { date: '12/02' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
