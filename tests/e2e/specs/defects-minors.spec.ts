/**
 * issue 11 minors on h5 at 375×812, screenshots after the fix: the first-run identity sheet with no
 * failing cards, the newcomer's profile card and 如何报到 with the link field, per-field profile errors,
 * the task editor (tappable date rows, no console error), the cancel reason required, the poster link,
 * the sign-in code page with no "暂时不支持 API" warning, and the admin screens of the other minors
 * (积分调整 as you type, 单位报到 tabs, 单位党员 search, 考勤, 数据看板 title and scope pills).
 */
import type { Page } from 'playwright-core';
import { assert, callAs, expectNoText, openAs, screenshot, tapText, test, waitForText } from '../harness';

const PHONE = { width: 375, height: 812 };
const ADMIN = 'demo-community-1';

/** Console noise a user's devtools would show: Taro's unsupported-API warning, TypeErrors. */
function noConsoleNoise(page: Page & { errors: string[]; warnings: string[] }, where: string): void {
  const bad = [...page.errors, ...page.warnings].filter((m) => /暂时不支持|TypeError/.test(m));
  assert(bad.length === 0, `${where}: ${bad.join('; ')}`);
}

async function publishedTaskId(): Promise<string> {
  const list = (await callAs(ADMIN, 'task', 'listAdminTasks', { communityId: 'comm-1', status: 'published', pageSize: 5 })) as { items: Array<{ id: string }> };
  const id = list.items[0]?.id;
  assert(id, 'no published task in the seed');
  return id;
}

test('first run and newcomer: identity sheet, profile card, 如何报到 with a link field, errors by field', async () => {
  const sheet = await openAs(null, '/pages/index/index', { viewport: PHONE });
  await waitForText(sheet, '选择演示身份');
  await sheet.waitForTimeout(1500);
  await expectNoText(sheet, '加载失败');
  await screenshot(sheet, 'minor-identity-sheet');

  const home = await openAs('demo-newcomer', '/pages/index/index', { viewport: PHONE });
  await waitForText(home, '报到前请先完善个人信息');
  await screenshot(home, 'minor-newcomer-home');
  const report = await openAs('demo-newcomer', '/pages/report/index', { viewport: PHONE });
  await waitForText(report, '打开报到链接');
  await screenshot(report, 'minor-how-to-report-h5');
  const profile = await openAs('demo-newcomer', '/pages/profile/index', { viewport: PHONE });
  await waitForText(profile, '基本信息');
  await profile.locator('input[name="phone"]').filter({ visible: true }).fill('23812345678');
  await tapText(profile, /^保存$/);
  await waitForText(profile, '手机号格式不正确');
  await waitForText(profile, '请填写姓名');
  await screenshot(profile, 'minor-profile-field-errors');
});

test('community admin: task editor rows, cancel needs a reason, poster link', async () => {
  const id = await publishedTaskId();
  const edit = await openAs(ADMIN, `/admin-community/task-edit/index?id=${id}`, { viewport: PHONE });
  await waitForText(edit, '报名截止日');
  await screenshot(edit, 'minor-task-edit-rows');
  await tapText(edit, /^取消任务$/);
  await tapText(edit, /^确认取消任务$/);
  await waitForText(edit, '请填写取消原因');
  await screenshot(edit, 'minor-cancel-reason-required');
  assert(edit.errors.length === 0, `page errors: ${edit.errors.join('; ')}`);
  noConsoleNoise(edit, 'task editor');

  // the sign-in code page keeps the screen on through the Wake Lock API on h5, not Taro's unsupported setKeepScreenOn
  const signin = await openAs(ADMIN, `/admin-community/task-signin/index?id=${id}`, { viewport: PHONE });
  await waitForText(signin, /签到码|签到将于|已结束/);
  await screenshot(signin, 'minor-signin-code-page');
  noConsoleNoise(signin, 'sign-in code page');

  const poster = await openAs(ADMIN, '/admin-community/poster/index', { viewport: PHONE });
  await waitForText(poster, '复制链接');
  await poster.getByText('复制链接').filter({ visible: true }).first().scrollIntoViewIfNeeded();
  await waitForText(poster, /^http.*#\/pages\/report\/index\?scene=/);
  await screenshot(poster, 'minor-poster-link');
});

test('admin screens of the minors: 积分调整 as you type, 单位报到, 单位党员 search, 考勤, dashboard scope', async () => {
  const adjust = await openAs(ADMIN, '/admin-community/points-adjust/index', { viewport: PHONE });
  await adjust.locator('input[placeholder*="查找本社区党员"]').filter({ visible: true }).first().pressSequentially('张');
  await waitForText(adjust, '张伟'); // no 搜索 key pressed
  await screenshot(adjust, 'minor-points-adjust-typing');

  const unitReports = await openAs(ADMIN, '/admin-community/unit-reports/index', { viewport: PHONE });
  await waitForText(unitReports, /待审核/);
  // the list itself, not its skeleton (the tab title shows before the rows arrive)
  await unitReports.waitForFunction(() => !document.body.innerText.includes('加载中'), undefined, { timeout: 15_000 });
  await screenshot(unitReports, 'minor-unit-reports');

  const members = await openAs('demo-unit-1', '/admin-unit/members/index', { viewport: PHONE });
  await members.locator('input[placeholder*="搜索姓名"]').filter({ visible: true }).first().fill('无此人');
  await members.keyboard.press('Enter');
  await waitForText(members, '没有找到“无此人”');
  await screenshot(members, 'minor-unit-members-no-match');

  const att = await openAs(ADMIN, `/admin-community/task-attendance/index?id=${await publishedTaskId()}`, { viewport: PHONE });
  await waitForText(att, '报名名单');
  await expectNoText(att, '管理员补录');
  await screenshot(att, 'minor-attendance-before-start');

  const board = await openAs('demo-super', '/dashboard/index/index', { viewport: PHONE });
  await waitForText(board, '锦华区');
  await expectNoText(board, /^全部$/);
  await screenshot(board, 'minor-dashboard-super');
  for (const p of [adjust, unitReports, members, att, board]) noConsoleNoise(p, p.url());
});
