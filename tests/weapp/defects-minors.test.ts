/**
 * issue 11 minors on the REAL compiled weapp pages: empty states that say the right thing, the 2-character
 * hint of 确认驳回, 服务时长 after sign-out, the cancel reason the page no longer fills in, 积分调整
 * searching as you type and keeping the typed amount, and the newcomer card opening the profile form.
 */
import type { Whoami } from '../../core/contracts/member';
import { renderPage } from './harness';


const ok = (data: unknown) => ({ ok: true, data });
const empty = ok({ items: [], total: 0, page: 1, pageSize: 20 });
const NOT_MOCKED = { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
const base: Whoami = {
  openid: 'demo-1', profile: null, grants: [], report: null, unit: null, privacyAccepted: true, unreadInbox: 0,
};
const profile = { name: '李新', phone: '13912345678', branch: '', building: '3 栋', room: '501', category: 'in_service' as const, updatedAt: '2026-11-01T08:00:00.000Z' };
const task = (extra: Record<string, unknown> = {}) => ({
  id: 't1', communityId: 'comm-1', communityName: '东湖社区', title: '楼道杂物清理行动', category: 'environment',
  startAt: '2026-12-01T01:00:00.000Z', endAt: '2026-12-01T03:00:00.000Z', placeName: '3 栋楼道', slots: 4, signed: 3, waitlisted: 0,
  status: 'published', phase: 'published', audience: 'community', mine: null, description: '', place: { name: '3 栋楼道', lat: 30.6, lng: 104.1, radius: null },
  signupDeadline: '2026-12-01T00:00:00.000Z', ruleId: null, skills: [], source: null, cancelReason: null,
  can: { signup: false, cancelSignup: false, signIn: false, signOut: false, manage: true }, signInOpensAt: '2026-12-01T00:30:00.000Z', subscribeTemplateId: null, ...extra,
});

test('单位报到: the 待审核 tab with nothing left says so (not "暂无单位报到")', async () => {
  const page = await renderPage('admin-community/unit-reports/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok({ ...base, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }] });
      if (name === 'report' && action === 'unitReports') return empty;
      return NOT_MOCKED;
    },
  });
  await page.waitForText('暂无待审核的单位报到');
  await page.tap('已报到');
  await page.waitForText('暂无已报到的单位');
});

test('单位党员: a search with no match says nothing was found (not "本单位党员均已报到")', async () => {
  const page = await renderPage('admin-unit/members/index', {}, {
    cloud: (name, { action, data }) => {
      if (name === 'member' && action === 'whoami') return ok({ ...base, grants: [{ role: 'unit', scopeId: 'unit-1', scopeName: '锦华区税务局' }] });
      if (name === 'org' && action === 'coverage') return NOT_MOCKED;
      if (name === 'org' && action === 'unitMembers') {
        const q = (data as { q?: string }).q;
        return q ? empty : ok({ items: [], total: 0, page: 1, pageSize: 20 });
      }
      return NOT_MOCKED;
    },
  });
  await page.waitForText('本单位党员均已报到');
  await page.input('搜索姓名', '赵六');
  await page.waitForText('没有找到“赵六”', 3000);
  expect(page.text()).not.toContain('本单位党员均已报到');
});

test('任务: a pending member sees a waiting hint, and a category with no tasks says so (no "please report")', async () => {
  const page = await renderPage('pages/tasks/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') {
        return ok({ ...base, profile, report: { id: 'r1', status: 'pending', communityId: 'comm-1', communityName: '东湖社区', reason: null, createdAt: '2026-11-01T08:00:00.000Z' } });
      }
      if (name === 'task' && action === 'listTasks') return empty;
      return NOT_MOCKED;
    },
  });
  await page.waitForText('您的报到正在等待社区审核');
  await page.tap('关爱帮扶');
  await page.waitForText('没有符合条件的任务');
  expect(page.text()).not.toMatch(/请先到社区报到|如未报到/);
});

test('报到审核: 确认驳回 tells why it is disabled (at least 2 characters)', async () => {
  const item = {
    id: 'r1', openid: 'nc1', status: 'pending', name: '李新', phone: '139****5678', category: 'in_service', building: '3 栋', room: '2单元501', branch: '机关党支部',
    unitId: 'unit-1', unitName: '锦华区税务局', unitStatus: 'verified', moveFromName: null, reason: null, createdAt: '2026-11-22T02:00:00.000Z', decidedAt: null,
  };
  const page = await renderPage('admin-community/reports/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok({ ...base, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }] });
      if (name === 'report' && action === 'pending') return ok({ items: [item], total: 1, page: 1, pageSize: 20 });
      return NOT_MOCKED;
    },
  });
  await page.tap('不通过');
  await page.waitForText('原因至少 2 个字');
  await page.input('不通过原因', '不');
  await page.waitForText('已写 1 个字');
  await page.input('不通过原因', '信息不符');
  await page.waitForNoText('原因至少 2 个字');
});

test('任务详情: after sign-out the card shows 服务时长, and no 状态 已报名 beside the 已签退 tag', async () => {
  const mine = { status: 'signed', signInAt: '2026-12-01T01:00:00.000Z', signOutAt: '2026-12-01T02:30:00.000Z', minutes: null, position: null };
  const page = await renderPage('pages/task-detail/index', { id: 't1' }, {
    cloud: (name, { action }) => {
      if (name === 'task' && action === 'getTask') return ok({ task: task({ mine, phase: 'in_progress', can: { signup: false, cancelSignup: false, signIn: false, signOut: false, manage: false } }) });
      return NOT_MOCKED;
    },
  });
  await page.waitForText('服务时长');
  expect(page.text()).toContain('已签退');
  expect(page.text()).toContain('1 小时 30 分钟');
  expect(page.text()).toContain('社区确认考勤后计入');
  expect(page.text()).not.toContain('状态');
});

test('编辑任务: cancelling without a reason is refused by the page (no default reason is sent)', async () => {
  const page = await renderPage('admin-community/task-edit/index', { id: 't1' }, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok({ ...base, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }] });
      if (name === 'task' && action === 'getTask') return ok({ task: task() });
      return NOT_MOCKED;
    },
  });
  await page.tap('取消任务');
  await page.tap('确认取消任务');
  await page.waitForText('请填写取消原因');
  expect(page.calls.filter((c) => c.action === 'cancel')).toHaveLength(0);
});

test('积分调整: searches as you type, and going back keeps the typed amount', async () => {
  const page = await renderPage('admin-community/points-adjust/index', {}, {
    confirmModals: false,
    cloud: (name, { action, data }) => {
      if (name === 'points' && action === 'communityMembers') {
        const keyword = (data as { keyword?: string }).keyword;
        const items = keyword === '张伟' ? [{ openid: 'o1', name: '张伟', phone: '138****1111', points: 12 }] : [];
        return ok({ items, total: items.length, page: 1, pageSize: 20, communityId: 'c-donghu' });
      }
      if (name === 'points' && action === 'memberLedger') {
        return ok({ items: [], total: 0, page: 1, pageSize: 20, member: { openid: 'o1', name: '张伟', phone: '138****1111', communityId: 'c-donghu' }, year: 2026, points: 12, minutes: 0 });
      }
      return NOT_MOCKED;
    },
  });
  await page.waitForText('本社区暂无已报到党员');
  await page.input('查找', '张伟'); // no 搜索 key pressed
  await page.waitForText('12 分', 3000);
  await page.tap('张伟');
  await page.waitForText('调整积分');
  await page.input('1 - 1000', '5');
  await page.tap('换一位');
  await page.waitForNoText('调整积分');
  await page.waitForText('12 分'); // the keyword is kept: the list still shows the match
  await page.tap('张伟');
  await page.waitForText('调整积分');
  await page.input('必填', '补录社区活动');
  await page.tap('提交调整');
  await page.waitFor(() => page.modals.length > 0, 3000, 'confirm dialog');
  expect(page.modals[page.modals.length - 1].title).toBe('确认加 5 分？');
});

test('首页: a newcomer without a profile is sent to the profile form, not to 如何报到', async () => {
  const page = await renderPage('pages/index/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok(base);
      if (name === 'member' && action === 'inbox') return ok({ items: [], total: 0, page: 1, pageSize: 3, unread: 0 });
      return NOT_MOCKED;
    },
  });
  await page.tap('报到前请先完善个人信息');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pages/profile/index' });
});
