/**
 * Foundation checks on the REAL compiled weapp (dist/): pages render through WeChat's compilers,
 * data comes through wx.cloud.callFunction, taps and input reach React state.
 */
import type { Whoami } from '../../core/contracts/member';
import { renderPage, type CloudHandler } from './harness';

const member: Whoami = {
  openid: 'oAbc…9xYz',
  profile: { name: '张伟', phone: '13800001111', branch: '第一党支部', building: '3 栋', room: '502', category: 'in_service', updatedAt: '2026-11-01T08:00:00.000Z' },
  grants: [],
  report: { id: 'r1', status: 'approved', communityId: 'c-donghu', communityName: '东湖社区', reason: null, createdAt: '2026-11-01T08:00:00.000Z' },
  unit: { id: 'u-tax', name: '锦华区税务局', status: 'verified' },
  privacyAccepted: true,
  unreadInbox: 3,
};

const ok = (data: unknown) => ({ ok: true, data });
const emptyInbox = ok({ items: [], total: 0, page: 1, pageSize: 3, unread: 0 });

/** whoami answers `me`; the inbox is empty; anything else is unexpected. */
function cloudAs(me: Whoami): CloudHandler {
  return (name, { action }) => {
    if (name === 'member' && action === 'whoami') return ok(me);
    if (name === 'member' && action === 'inbox') return emptyInbox;
    throw new Error(`unexpected call ${name}.${action}`);
  };
}

test('我的 renders the profile and menu from member.whoami, and a tap navigates', async () => {
  const page = await renderPage('pages/mine/index', {}, { cloud: cloudAs(member) });
  await page.waitForText('张伟');
  expect(page.text()).toContain('已报到 · 东湖社区');
  expect(page.text()).toContain('锦华区税务局 · 已确认');
  expect(page.text()).not.toContain('管理工作台'); // a plain member has no admin entries
  expect(page.calls.filter((c) => c.name === 'member' && c.action === 'whoami')).toHaveLength(1);

  await page.tap('服务记录');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pages/history/index' });
});

test('首页 shows the error state, and 重试 (a tap) reloads into the report card', async () => {
  let fail = true;
  const page = await renderPage('pages/index/index', {}, {
    cloud: (name, req) => {
      if (name === 'member' && req.action === 'whoami' && fail) return { ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' };
      return cloudAs(member)(name, req);
    },
  });
  await page.waitForText('加载失败');
  expect(page.text()).toContain('服务暂时不可用，请稍后重试');
  expect(page.text()).not.toContain('我的报到');

  fail = false;
  await page.tap('重试');
  await page.waitForText('我的报到');
  expect(page.text()).toContain('东湖社区');
  expect(page.text()).toContain('已报到');
  expect(page.text()).toContain('暂无新消息');
  expect(page.calls.filter((c) => c.action === 'whoami').length).toBeGreaterThanOrEqual(2);

  await page.tap('我的积分');
  expect(page.navigations).toContainEqual({ type: 'switchTab', url: '/pages/points/index' });
});

test('a failed callFunction (function timeout) shows a Chinese message, not raw errors', async () => {
  const page = await renderPage('pages/tasks/index', {}, {
    cloud: () => {
      throw Object.assign(new Error('Invoking task timed out'), { errCode: -504003 });
    },
  });
  await page.waitForText('服务响应超时，请稍后重试');
  expect(page.text()).not.toMatch(/errCode|Invoking|undefined|\[object Object\]/);
});

test('typing reaches React state: the search keyword entered on 积分调整 is sent to the function', async () => {
  const page = await renderPage('admin-community/points-adjust/index', {}, {
    cloud: (name, { action, data }) => {
      if (name === 'points' && action === 'communityMembers') {
        const keyword = (data as { keyword?: string }).keyword;
        const items = keyword === '张伟' ? [{ openid: 'o1', name: '张伟', phone: '138****1111', points: 12 }] : [];
        return ok({ items, total: items.length, page: 1, pageSize: 20, communityId: 'c-donghu' });
      }
      throw new Error(`unexpected call ${name}.${action}`);
    },
  });
  await page.waitForText('本社区暂无已报到党员');
  await page.input('查找', '张伟');
  await page.fieldEvent('查找', 'confirm', { value: '张伟' });
  await page.waitForText('12 分');
  const sent = page.calls.filter((c) => c.action === 'communityMembers').map((c) => (c.data as { keyword?: string }).keyword);
  expect(sent).toEqual([undefined, '张伟']);
});
