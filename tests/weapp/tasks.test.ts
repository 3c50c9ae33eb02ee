/** The compiled 任务 tab and 任务详情 pages render tasks from the task function and drive signup / sign-in. */
import { renderPage } from './harness';

const start = '2026-12-01T01:00:00.000Z'; // 09:00 China time
const end = '2026-12-01T03:00:00.000Z';
const summary = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id, communityId: 'comm-1', communityName: '东湖社区', title, category: 'environment', startAt: start, endAt: end,
  placeName: '东湖社区 3 栋楼道', slots: 8, signed: 3, waitlisted: 0, status: 'published', phase: 'published', audience: 'community', mine: null, ...extra,
});

test('task list: my community by default, category filter, nearby scope and opening a task', async () => {
  const page = await renderPage('pages/tasks/index', {}, {
    cloud: (name, { action, data }) => {
      const d = data as { scope?: string; category?: string };
      if (name === 'task' && action === 'listTasks') {
        if (d.scope === 'nearby') return { ok: true, data: { items: [summary('t9', '义诊进社区', { communityName: '花园社区', category: 'service', audience: 'anyone' })], total: 1, page: 1, pageSize: 20 } };
        if (d.category === 'care') return { ok: true, data: { items: [], total: 0, page: 1, pageSize: 20 } };
        return { ok: true, data: { items: [
          summary('t1', '楼道杂物清理行动', { mine: { status: 'signed', signInAt: null, signOutAt: null, minutes: null } }),
          summary('t2', '文明交通劝导岗', { category: 'civility', phase: 'in_progress', signed: 6, slots: 6, waitlisted: 2 }),
        ], total: 2, page: 1, pageSize: 20 } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('楼道杂物清理行动');
  expect(page.text()).toContain('文明交通劝导岗');
  expect(page.text()).toContain('12-01 09:00–11:00');
  expect(page.text()).toContain('已报名 6/6，候补 2');
  expect(page.text()).toContain('进行中');
  expect(page.text()).toContain('已报名 3/8');

  await page.tap('关爱帮扶');
  await page.waitForText('没有符合条件的任务');
  await page.tap('附近社区');
  await page.waitForText('义诊进社区');
  expect(page.text()).toContain('花园社区');
  const scopes = page.calls.filter((c) => c.action === 'listTasks').map((c) => c.data as { scope: string; category?: string });
  expect(scopes[0]).toMatchObject({ scope: 'community' });
  expect(scopes).toContainEqual(expect.objectContaining({ scope: 'community', category: 'care' }));
  expect(scopes[scopes.length - 1]).toMatchObject({ scope: 'nearby' });

  await page.tap('义诊进社区');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pages/task-detail/index?id=t9' });
});

test('task detail: signup with an overlap warning, then sign in with a pasted code', async () => {
  let mine: Record<string, unknown> | null = null;
  const can = () => ({
    signup: !mine, cancelSignup: !!mine && !mine.signInAt, signIn: !!mine && !mine.signInAt, signOut: !!mine?.signInAt && !mine.signOutAt, manage: false,
  });
  const detail = () => ({
    ...summary('t1', '楼道杂物清理行动', { mine, signed: mine ? 4 : 3 }),
    description: '清理楼道堆放的纸箱、旧家具等杂物，请自带手套。', place: { name: '东湖社区 3 栋楼道', lat: 30.65, lng: 104.08, radius: null },
    signupDeadline: '2026-11-30T23:00:00.000Z', ruleId: null, skills: ['体力劳动'], source: null, cancelReason: null, can: can(), signInOpensAt: '2026-12-01T00:30:00.000Z', subscribeTemplateId: null,
  });
  const page = await renderPage('pages/task-detail/index', { id: 't1' }, {
    cloud: (name, { action, data }) => {
      if (name !== 'task') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      switch (action) {
        case 'getTask':
          return { ok: true, data: { task: detail() } };
        case 'signup':
          mine = { status: 'signed', signInAt: null, signOutAt: null, minutes: null };
          return { ok: true, data: { status: 'signed', position: null, overlap: true, overlapTitles: ['文明交通劝导岗'] } };
        case 'signIn': {
          const d = data as { code: string; taskId: string };
          if (d.code !== 'SBD1.t1.59000000.0123456789abcdef' || d.taskId !== 't1') return { ok: false, code: 'CODE_INVALID', message: '签到码无效' };
          mine = { ...mine, signInAt: '2026-12-01T00:55:00.000Z' };
          return { ok: true, data: { taskId: 't1', title: '楼道杂物清理行动', signInAt: '2026-12-01T00:55:00.000Z' } };
        }
        default:
          return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      }
    },
  });
  await page.waitForText('楼道杂物清理行动');
  expect(page.text()).toContain('清理楼道堆放的纸箱');
  expect(page.text()).toContain('已报名 3/8');
  expect(page.text()).toContain('体力劳动');
  await page.tap('我要报名');
  await page.waitForText('与您已报名的「文明交通劝导岗」时间重叠');
  await page.waitForText('现场签到');
  expect(page.text()).toContain('已报名 4/8');
  expect(page.text()).toContain('取消报名');

  await page.input('粘贴', 'SBD1.t1.59000000.0123456789abcdef');
  await page.tap('提交签到');
  await page.waitForText('现场签退');
  expect(page.text()).toContain('签到12-01 08:55');
  expect(page.calls.filter((c) => c.action === 'signIn')).toHaveLength(1);
});
