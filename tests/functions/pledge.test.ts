/**
 * `pledge` through the real SDK and emulator: every state transition and refusal, automatic
 * progress from confirmed attendance (no double counting), year-end review paying points once,
 * the wall's masked names, and the reminder timer on a faked clock.
 */
import { fakeDateOnly, startTestCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN_A, ADMIN_B, seedOrgs } from './task-fixtures';

let cloud: TestCloud;
const T0 = new Date('2026-03-02T02:00:00Z'); // 10:00 China time, early in the year
const DAY = 86_400_000;
const deadline = '2026-11-30T15:59:59.000Z';
let seq = 0;
const rid = () => `req-${Date.now()}-${++seq}-xyz`;

jest.setTimeout(30_000);
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());
beforeEach(async () => {
  jest.useFakeTimers({ doNotFake: fakeDateOnly() });
  jest.setSystemTime(T0);
  await cloud.wipe();
  await seedOrgs(cloud, 4);
});
afterEach(() => jest.useRealTimers());

const envTarget = (count: number) => ({ kind: 'tasks', count, category: 'environment' });
const pledge = (who: string, over: Record<string, unknown> = {}) =>
  cloud.call('pledge', 'save', { requestId: rid(), type: 'deed', title: '参加小区环境整治', target: envTarget(6), deadline, ...over }, who);

/** A task of `category` ending at `endAt`, attended and confirmed for `openid` (what task.confirmAttendance writes). */
async function confirmedTask(openid: string, endAt: Date, category = 'environment', minutes = 60) {
  const id = `t${++seq}`;
  await cloud.db.collection('tasks').add({ data: { _id: id, communityId: 'cA', title: '环境整治', category, startAt: new Date(endAt.getTime() - minutes * 60_000), endAt, status: 'finished' } });
  await cloud.db.collection('signups').add({ data: { _id: `${id}:${openid}`, taskId: id, openid, communityId: 'cA', status: 'signed', confirmed: true, noshow: false, minutes, signInAt: endAt, signOutAt: endAt } });
  return id;
}

async function approve(id: string) {
  const r = await cloud.call('pledge', 'decide', { ids: [id], decision: 'approve' }, ADMIN_A);
  expect(r).toMatchObject({ ok: true, data: { done: [id] } });
}

describe('pledge lifecycle', () => {
  it('draft → submitted → returned with a reason → edited → approved → due → fulfilled with points once', async () => {
    const d = await pledge('m1', { submit: false, title: '多参加活动' });
    expect(d).toMatchObject({ ok: true, data: { created: true, pledge: { status: 'draft', phase: 'draft', targetText: '参加 6 次环境整治' } } });
    const id = d.data.pledge.id;
    // the same requestId creates nothing new
    const again = await cloud.call('pledge', 'save', { requestId: d.data.pledge && (await cloud.db.collection('pledges').doc(id).get()).data.requestId, type: 'deed', title: '多参加活动', target: envTarget(6), deadline, submit: false }, 'm1');
    expect(again).toMatchObject({ ok: true, data: { created: false, pledge: { id } } });

    const sub = await cloud.call('pledge', 'save', { id, requestId: rid(), type: 'deed', title: '多参加活动', target: envTarget(6), deadline, submit: true }, 'm1');
    expect(sub.data.pledge.status).toBe('submitted');
    // under review: the member cannot change it
    expect(await cloud.call('pledge', 'save', { id, requestId: rid(), type: 'deed', title: '改一改内容', target: envTarget(6), deadline }, 'm1')).toMatchObject({ ok: false, code: 'PLEDGE_LOCKED' });

    // return needs a reason
    expect(await cloud.call('pledge', 'decide', { ids: [id], decision: 'return' }, ADMIN_A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const ret = await cloud.call('pledge', 'decide', { ids: [id], decision: 'return', reason: '目标不具体，请写明次数和内容' }, ADMIN_A);
    expect(ret).toMatchObject({ ok: true, data: { done: [id] } });
    const mine1 = await cloud.call('pledge', 'mine', {}, 'm1');
    expect(mine1.data.items[0]).toMatchObject({ status: 'returned', returnReason: '目标不具体，请写明次数和内容' });
    const inbox = await cloud.db.collection('inbox').where({ openid: 'm1', kind: 'pledge' }).get();
    expect(inbox.data.map((n: any) => n.title)).toContain('承诺被退回修改');

    const edited = await cloud.call('pledge', 'save', { id, requestId: rid(), type: 'deed', title: '参加小区环境整治 6 次', target: envTarget(6), deadline, submit: true }, 'm1');
    expect(edited.data.pledge).toMatchObject({ status: 'submitted', title: '参加小区环境整治 6 次' });
    await approve(id);
    // approved: no more edits, the decision cannot be repeated
    expect(await cloud.call('pledge', 'save', { id, requestId: rid(), type: 'deed', title: '再改一次内容', target: envTarget(6), deadline }, 'm1')).toMatchObject({ ok: false, code: 'PLEDGE_LOCKED' });
    expect((await cloud.call('pledge', 'decide', { ids: [id], decision: 'approve' }, ADMIN_A)).data.skipped).toHaveLength(1);

    let view = (await cloud.call('pledge', 'mine', {}, 'm1')).data.items[0];
    expect(view).toMatchObject({ status: 'approved', phase: 'public', progress: { done: 0, goal: 6, percent: 0 } });
    // not due yet: the review refuses
    expect((await cloud.call('pledge', 'review', { items: [{ id, outcome: 'fulfilled' }] }, ADMIN_A)).data.skipped[0].message).toMatch(/未到期/);

    for (let i = 1; i <= 6; i++) await confirmedTask('m1', new Date(T0.getTime() + i * DAY));
    view = (await cloud.call('pledge', 'mine', {}, 'm1')).data.items[0];
    expect(view).toMatchObject({ phase: 'due', progress: { done: 6, goal: 6, percent: 100 } });
    const due = await cloud.call('pledge', 'adminList', { communityId: 'cA', tab: 'due' }, ADMIN_A);
    expect(due.data.items.map((i: any) => i.id)).toEqual([id]);
    expect(due.data.items[0]).toMatchObject({ name: '党员m1', progress: { percent: 100 } });

    const [r1, r2] = await Promise.all([
      cloud.call('pledge', 'review', { items: [{ id, outcome: 'fulfilled' }] }, ADMIN_A),
      cloud.call('pledge', 'review', { items: [{ id, outcome: 'fulfilled' }] }, ADMIN_A),
    ]);
    const paid = [...r1.data.done, ...r2.data.done];
    expect(paid).toEqual([{ id, outcome: 'fulfilled', points: 5 }]);
    const entries = await cloud.db.collection('ledger').where({ openid: 'm1' }).get();
    expect(entries.data.map((e: any) => e._id)).toEqual([`pledge:${id}:m1`]);
    expect((await cloud.db.collection('balances').doc('2026:m1').get()).data.points).toBe(5);
    expect((await cloud.call('pledge', 'mine', {}, 'm1')).data.items[0]).toMatchObject({ status: 'fulfilled', phase: 'fulfilled', review: { outcome: 'fulfilled', points: 5 } });
  });

  it('partly fulfilled pays the rule\'s partial points; not fulfilled pays nothing and needs a reason; the wall explains an objective reason', async () => {
    await cloud.db.collection('rules').add({ data: { _id: 'cA:v1', scopeId: 'cA', scopeKind: 'community', version: 1, rule: { report: 10, attendance: 5, perHour: 2, pledge: 8, pledgePartly: 3, wish: 5, pledgeMax: 3, noshow: -5, dailyCap: 30, yearlyCap: 1000 }, note: null, createdBy: ADMIN_A, createdAt: T0 } });
    const a = (await pledge('m1', { target: envTarget(2) })).data.pledge.id;
    const b = (await pledge('m2', { target: envTarget(2) })).data.pledge.id;
    await cloud.call('pledge', 'decide', { ids: [a, b], decision: 'approve' }, ADMIN_A);
    jest.setSystemTime(new Date('2026-12-01T02:00:00Z')); // after the deadline
    expect(await cloud.call('pledge', 'review', { items: [{ id: a, outcome: 'partly' }] }, ADMIN_A)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const r = await cloud.call('pledge', 'review', { items: [{ id: a, outcome: 'partly', reason: '完成 1 次' }, { id: b, outcome: 'unfulfilled', reason: '住院治疗', objective: true }] }, ADMIN_A);
    expect(r.data.done).toEqual([{ id: a, outcome: 'partly', points: 3 }, { id: b, outcome: 'unfulfilled', points: 0 }]);
    expect((await cloud.db.collection('ledger').where({ openid: 'm2' }).get()).data).toHaveLength(0);
    const wall = await cloud.call('pledge', 'wall', { year: 2026 }, 'm3');
    expect(wall.data.items.find((i: any) => i.id === b)).toMatchObject({ phase: 'unfulfilled', explanation: '客观原因：住院治疗', name: '党**2' });
  });
});

describe('yearly limit under concurrency', () => {
  it('8 different pledges at once from one member → exactly the yearly limit (3); deleting a draft frees a place', async () => {
    const out = await Promise.all(Array.from({ length: 8 }, (_, i) => pledge('m1', { title: `参加小区环境整治第${i + 1}批`, submit: false })));
    expect(out.filter((r) => r.ok)).toHaveLength(3);
    expect(new Set(out.filter((r) => !r.ok).map((r) => r.code))).toEqual(new Set(['PLEDGE_LIMIT']));
    const mine = (await cloud.db.collection('pledges').where({ openid: 'm1' }).get()).data;
    expect(mine).toHaveLength(3);
    const draft = out.find((r) => r.ok)!.data.pledge.id;
    const removed = await cloud.call('pledge', 'remove', { id: draft }, 'm1');
    expect(removed).toEqual({ ok: true, data: { removed: true } });
    expect(await pledge('m1')).toMatchObject({ ok: true });
    expect(await pledge('m1')).toMatchObject({ ok: false, code: 'PLEDGE_LIMIT' });
  });
});

describe('refusals', () => {
  it('over the yearly limit, without a report, bad targets, wrong role, other community, own pledge', async () => {
    for (let i = 0; i < 3; i++) expect(await pledge('m1')).toMatchObject({ ok: true });
    expect(await pledge('m1')).toMatchObject({ ok: false, code: 'PLEDGE_LIMIT' });
    await cloud.db.collection('members').add({ data: { _id: 'loner', name: '未报到', communityId: null } });
    expect(await pledge('loner')).toMatchObject({ ok: false, code: 'NOT_REPORTED' });
    expect(await pledge('m2', { target: { kind: 'tasks', count: 0, category: null } })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await pledge('m2', { title: '好' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await pledge('m2', { title: '组织网络赌博活动' })).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
    expect(await pledge('m2', { deadline: '2027-03-01T00:00:00Z' })).toMatchObject({ ok: false, code: 'INVALID_DEADLINE' });
    expect(await pledge('m2', { deadline: '2026-01-01T00:00:00Z' })).toMatchObject({ ok: false, code: 'INVALID_DEADLINE' });

    const id = (await pledge('m2')).data.pledge.id;
    expect(await cloud.call('pledge', 'decide', { ids: [id], decision: 'approve' }, 'm3')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('pledge', 'decide', { ids: [id], decision: 'approve' }, ADMIN_B)).toMatchObject({ ok: false, code: 'OUT_OF_SCOPE' });
    expect(await cloud.call('pledge', 'adminList', { communityId: 'cA' }, 'm3')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('pledge', 'save', { id, requestId: rid(), type: 'deed', title: '别人的承诺', target: envTarget(1), deadline }, 'm3')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await cloud.call('pledge', 'addEvidence', { id, requestId: rid(), text: '提前记录' }, 'm2')).toMatchObject({ ok: false, code: 'PLEDGE_NOT_PUBLIC' });
    // an admin who is also a member cannot approve their own pledge
    await cloud.db.collection('members').add({ data: { _id: ADMIN_A, name: '管理员甲', communityId: 'cA' } });
    const own = (await pledge(ADMIN_A)).data.pledge.id;
    expect(await cloud.call('pledge', 'decide', { ids: [own], decision: 'approve' }, ADMIN_A)).toMatchObject({ ok: true, data: { done: [], skipped: [{ id: own }] } });
  });

  it('evidence: text and photos while public, once per requestId; manual targets count it', async () => {
    const id = (await pledge('m1', { type: 'advice', title: '为小区治理提建议', target: { kind: 'manual', count: 2, unit: '条' } })).data.pledge.id;
    await approve(id);
    const requestId = rid();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVQI12P8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
    const { fileID } = await cloud.sdk.uploadFile({ cloudPath: 'pledge/a.png', fileContent: png });
    const add = () => cloud.call('pledge', 'addEvidence', { id, requestId, text: '建议增设充电桩', photos: [fileID] }, 'm1');
    await add();
    const r = await add();
    expect(r.data.pledge.evidence).toHaveLength(1);
    expect(r.data.pledge.evidence[0].photoUrls[0]).toMatch(/^https?:\/\//);
    expect(r.data.pledge).toMatchObject({ targetText: '完成 2 条', progress: { done: 1, goal: 2, percent: 50 }, phase: 'in_progress' });
    expect(await cloud.call('pledge', 'addEvidence', { id, requestId: rid(), text: '别人的' }, 'm2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('auto-progress', () => {
  it('6 confirmed environment tasks → 100 %; the same attendance never counts for two pledges', async () => {
    const a = (await pledge('m1')).data.pledge.id;
    jest.setSystemTime(T0.getTime() + 1000);
    const b = (await pledge('m1', { title: '环境整治再参加几次', target: envTarget(3) })).data.pledge.id;
    jest.setSystemTime(T0.getTime() + 2000);
    const h = (await pledge('m1', { type: 'model', title: '志愿服务满 3 小时', target: { kind: 'hours', hours: 3, category: null } })).data.pledge.id;
    await cloud.call('pledge', 'decide', { ids: [a, b, h], decision: 'approve' }, ADMIN_A);
    // before the pledge: does not count; another category: does not count toward environment
    await confirmedTask('m1', new Date(T0.getTime() - DAY));
    await confirmedTask('m1', new Date(T0.getTime() + DAY), 'care', 120);
    for (let i = 2; i <= 7; i++) await confirmedTask('m1', new Date(T0.getTime() + i * DAY));
    // a no-show never counts
    await cloud.db.collection('signups').add({ data: { _id: 'tx:m1', taskId: 't1', openid: 'm1', confirmed: true, noshow: true, minutes: 0 } });
    const items = (await cloud.call('pledge', 'mine', {}, 'm1')).data.items;
    const by = Object.fromEntries(items.map((i: any) => [i.id, i.progress]));
    expect(by[a]).toEqual({ done: 6, goal: 6, percent: 100 });
    expect(by[b]).toEqual({ done: 0, goal: 3, percent: 0 });
    // the care task (2 h) counts for hours; the six environment ones went to pledge a
    expect(by[h]).toEqual({ done: 2, goal: 3, percent: 66 });
    const total = items.reduce((s: number, i: any) => s + (i.target.kind === 'tasks' ? i.progress.done : 0), 0);
    expect(total).toBe(6);
    // a seventh environment task goes to the next pledge that still needs it
    await confirmedTask('m1', new Date(T0.getTime() + 8 * DAY));
    const after = (await cloud.call('pledge', 'mine', {}, 'm1')).data.items;
    expect(after.find((i: any) => i.id === b).progress.done).toBe(1);
    expect(after.find((i: any) => i.id === a).progress.done).toBe(6);
  });

  it('the wall shows approved pledges of the community with masked names and progress; no drafts, no other community', async () => {
    const a = (await pledge('m1')).data.pledge.id;
    await pledge('m2', { submit: false });
    await approve(a);
    await confirmedTask('m1', new Date(T0.getTime() + DAY));
    const wall = await cloud.call('pledge', 'wall', {}, 'outsider');
    expect(wall.data.items).toHaveLength(0);
    const own = await cloud.call('pledge', 'wall', {}, 'm3');
    expect(own.data).toMatchObject({ total: 1, communityName: '幸福社区' });
    expect(own.data.items[0]).toMatchObject({ id: a, name: '党**1', phase: 'in_progress', percent: 16 });
    expect(JSON.stringify(own.data)).not.toContain('m1');
  });
});

describe('timer', () => {
  it('mid-year and one-month reminders, each once', async () => {
    const id = (await pledge('m1')).data.pledge.id;
    await approve(id);
    const fire = () => cloud.invoke('pledge', { Type: 'Timer', TriggerName: 'daily', Time: new Date().toISOString() });
    expect(await fire()).toEqual({ reminded: 0 });
    jest.setSystemTime(new Date('2026-07-01T01:00:00Z'));
    expect(await fire()).toEqual({ reminded: 1 });
    expect(await fire()).toEqual({ reminded: 0 });
    jest.setSystemTime(new Date('2026-11-05T01:00:00Z'));
    expect(await fire()).toEqual({ reminded: 1 });
    expect(await fire()).toEqual({ reminded: 0 });
    const titles = (await cloud.db.collection('inbox').where({ openid: 'm1', kind: 'pledge' }).get()).data.map((n: any) => n.title).sort();
    expect(titles).toEqual(['年中践诺提醒', '承诺即将到期', '承诺已审核通过'].sort());
  });
});

describe('对应清单 and 评诺 by the member and residents', () => {
  it('link options are my community\'s open needs and running projects; a pledge links one of them, never another community\'s', async () => {
    const add = (coll: string, data: object) => cloud.db.collection(coll).add({ data: { createdAt: T0, ...data } });
    await add('needs', { _id: 'n1', communityId: 'cA', title: '楼道杂物清理', status: 'open' });
    await add('needs', { _id: 'n2', communityId: 'cA', title: '已关闭的需求', status: 'closed' });
    await add('needs', { _id: 'nB', communityId: 'cB', title: '别的社区需求', status: 'open' });
    await add('projects', { _id: 'pj1', communityId: 'cA', title: '共建花园', status: 'active' });
    await add('projects', { _id: 'pj2', communityId: 'cA', title: '已结束项目', status: 'done' });
    const opts = await cloud.call('pledge', 'linkOptions', {}, 'm1');
    expect(opts.ok).toBe(true);
    expect(opts.data.items.map((i: { id: string }) => i.id).sort()).toEqual(['n1', 'pj1']);
    expect(await cloud.call('pledge', 'linkOptions', {}, 'stranger')).toMatchObject({ ok: false, code: 'NOT_REPORTED' });
    const made = await pledge('m1', { link: { kind: 'project', id: 'pj1' } });
    expect(made.data.pledge.link).toEqual({ kind: 'project', id: 'pj1', title: '共建花园' });
    expect(await pledge('m2', { link: { kind: 'need', id: 'nB' } })).toMatchObject({ ok: false, code: 'LINK_NOT_FOUND' });
  });

  it('自评 only when due and only by the member; 群众评 once per person, never by the member, counted on the wall and for the admin', async () => {
    const id = (await pledge('m1', { target: envTarget(1) })).data.pledge.id;
    // before approval / before it is due: neither self-evaluation nor rating
    expect(await cloud.call('pledge', 'selfEvaluate', { id, text: '参加了一次环境整治' }, 'm1')).toMatchObject({ ok: false, code: 'PLEDGE_NOT_DUE' });
    await approve(id);
    expect(await cloud.call('pledge', 'rate', { id, rating: 'good', requestId: rid() }, 'resident-1')).toMatchObject({ ok: false, code: 'PLEDGE_NOT_DUE' });
    await confirmedTask('m1', new Date(T0.getTime() + DAY));
    // due now (target reached)
    expect(await cloud.call('pledge', 'selfEvaluate', { id, text: '别人替写' }, 'm2')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const self = await cloud.call('pledge', 'selfEvaluate', { id, text: '按期参加了环境整治，带动邻居一起' }, 'm1');
    expect(self).toMatchObject({ ok: true, data: { pledge: { phase: 'due', selfEval: { text: '按期参加了环境整治，带动邻居一起' } } } });

    expect(await cloud.call('pledge', 'rate', { id, rating: 'good', requestId: rid() }, 'm1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    // one resident taps 20 times at once → one rating
    const burst = await Promise.all(Array.from({ length: 20 }, () => cloud.call('pledge', 'rate', { id, rating: 'good', requestId: rid() }, 'resident-1')));
    expect(burst.every((r) => r.ok)).toBe(true);
    expect(burst.filter((r) => !r.data.already)).toHaveLength(1);
    expect((await cloud.call('pledge', 'rate', { id, rating: 'poor', requestId: rid() }, 'resident-1')).data).toEqual({ ratings: { good: 1, fair: 0, poor: 0 }, myRating: 'good', already: true });
    await cloud.call('pledge', 'rate', { id, rating: 'fair', requestId: rid() }, 'resident-2');
    const wall = await cloud.call('pledge', 'wall', { communityId: 'cA', page: 1, pageSize: 10 }, 'resident-3');
    expect(wall.data.items[0]).toMatchObject({ ratings: { good: 1, fair: 1, poor: 0 }, canRate: true, myRating: null });
    const wallOwn = await cloud.call('pledge', 'wall', { page: 1, pageSize: 10 }, 'm1');
    expect(wallOwn.data.items[0]).toMatchObject({ canRate: false });
    const wallRated = await cloud.call('pledge', 'wall', { communityId: 'cA', page: 1, pageSize: 10 }, 'resident-1');
    expect(wallRated.data.items[0]).toMatchObject({ canRate: false, myRating: 'good' });

    const due = await cloud.call('pledge', 'adminList', { communityId: 'cA', tab: 'due', page: 1, pageSize: 10 }, ADMIN_A);
    expect(due.data.items[0]).toMatchObject({ id, selfEval: { text: '按期参加了环境整治，带动邻居一起' }, ratings: { good: 1, fair: 1, poor: 0 } });

    // after the organisation's judgement the self-evaluation is closed, residents may still rate
    expect((await cloud.call('pledge', 'review', { items: [{ id, outcome: 'fulfilled' }] }, ADMIN_A)).ok).toBe(true);
    expect(await cloud.call('pledge', 'selfEvaluate', { id, text: '再改一次自评内容' }, 'm1')).toMatchObject({ ok: false, code: 'PLEDGE_NOT_DUE' });
    expect((await cloud.call('pledge', 'rate', { id, rating: 'good', requestId: rid() }, 'resident-3')).data.ratings).toEqual({ good: 2, fair: 1, poor: 0 });
    expect(await cloud.db.collection('pledgeRatings').where({ pledgeId: id }).count()).toMatchObject({ total: 3 });
  });
});
