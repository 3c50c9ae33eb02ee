/**
 * issue 11 "risky edits without warning", on the REAL compiled weapp task editor: moving a published
 * task's time after members signed in (or into the past) and cancelling while members are still
 * serving both ask first, name the risk, and do nothing when the admin says no.
 */
import type { Whoami } from '../../core/contracts/member';
import { publishedTask } from './canned';
import { renderPage, type CloudHandler } from './harness';

const ok = (data: unknown) => ({ ok: true, data });
const NOT_MOCKED = { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
const admin: Whoami = {
  openid: 'adm-1', profile: null, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0,
};
// published, starts 2099-12-01 09:00 China time; two signed up
const task = publishedTask({ signed: 2 });
const row = (openid: string, signInAt: string | null, signOutAt: string | null) => ({
  openid, name: `党员${openid}`, phone: '138****1234', status: 'signed', position: null, signInAt, signOutAt, minutes: null, missingSignOut: false, byAdmin: false, confirmed: false,
});
// one member signed in and out, one signed in and still serving
const rows = [row('m1', '2099-12-01T00:50:00.000Z', '2099-12-01T02:00:00.000Z'), row('m2', '2099-12-01T00:55:00.000Z', null)];

const cloud: CloudHandler = (name, { action }) => {
  if (name === 'member' && action === 'whoami') return ok(admin);
  if (name === 'task' && action === 'getTask') return ok({ task });
  if (name === 'task' && action === 'attendance') return ok({ task, rows, missingSignOut: 1 });
  if (name === 'task' && action === 'saveTask') return ok({ task, notified: 2 });
  if (name === 'task' && action === 'cancel') return ok({ task: { ...task, status: 'cancelled' }, notified: 2 });
  return NOT_MOCKED;
};

// the compiled page loads once per test file: one render walks the three cases, answering 取消 to each dialog
test('编辑任务: cancelling while a member serves, and moving the time into the past after sign-ins, ask first', async () => {
  const page = await renderPage('admin-community/task-edit/index', { id: 't1' }, { cloud, confirmModals: false });
  const saves = () => page.calls.filter((c) => c.action === 'saveTask').length;

  await page.tap('取消任务');
  await page.input('会通知已报名的党员', '暴雨预警');
  await page.tap('确认取消任务');
  await page.waitFor(() => page.modals.length === 1, 3000, 'cancel dialog');
  expect(page.modals[0].title).toBe('确定取消该任务？');
  expect(page.modals[0].content).toContain('目前有 1 人已签到、正在服务');
  expect(page.modals[0].content).toContain('原因：暴雨预警');
  expect(page.calls.filter((c) => c.action === 'cancel')).toHaveLength(0); // answered 取消
  await page.tap('返回');

  await page.pick(0, '2020-01-02'); // 日期
  await page.waitForText('2020-01-02');
  await page.tap('保存修改并通知报名党员');
  await page.waitFor(() => page.modals.length === 2, 3000, 'time dialog');
  expect(page.modals[1].title).toBe('确定修改任务时间？');
  expect(page.modals[1].content).toContain('已有 2 人签到');
  expect(page.modals[1].content).toContain('2020-01-02 09:00 已经过去');
  expect(saves()).toBe(0);

  // the time back as stored: nothing risky, saved without a dialog
  await page.pick(0, '2099-12-01');
  await page.waitForText('2099-12-01');
  await page.tap('保存修改并通知报名党员');
  await page.waitFor(() => saves() === 1, 3000, 'saveTask');
  expect(page.modals).toHaveLength(2);
});
