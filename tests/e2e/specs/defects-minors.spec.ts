/**
 * issue 11 minors on h5 at 375×812, screenshots after the fix: the first-run identity sheet with no
 * failing cards, the newcomer's profile card and 如何报到 with the link field, per-field profile errors,
 * the task editor (tappable date rows, no console error), the cancel reason required, the poster link.
 */
import { assert, expectNoText, getBaseUrl, openAs, screenshot, tapText, test, waitForText } from '../harness';

const PHONE = { width: 375, height: 812 };
const ADMIN = 'demo-community-1';

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
  const res = await fetch(`${getBaseUrl()}/api/task`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': ADMIN }, body: JSON.stringify({ action: 'listAdminTasks', data: { communityId: 'comm-1', status: 'published', pageSize: 5 } }) });
  const id = ((await res.json()) as { result: { data: { items: Array<{ id: string }> } } }).result.data.items[0]?.id;
  assert(id, 'no published task in the seed');
  const edit = await openAs(ADMIN, `/admin-community/task-edit/index?id=${id}`, { viewport: PHONE });
  await waitForText(edit, '报名截止日');
  await screenshot(edit, 'minor-task-edit-rows');
  await tapText(edit, /^取消任务$/);
  await tapText(edit, /^确认取消任务$/);
  await waitForText(edit, '请填写取消原因');
  await screenshot(edit, 'minor-cancel-reason-required');
  assert(edit.errors.length === 0, `page errors: ${edit.errors.join('; ')}`);

  const poster = await openAs(ADMIN, '/admin-community/poster/index', { viewport: PHONE });
  await waitForText(poster, '复制链接');
  await poster.getByText('复制链接').filter({ visible: true }).first().scrollIntoViewIfNeeded();
  await waitForText(poster, /^http.*#\/pages\/report\/index\?scene=/);
  await screenshot(poster, 'minor-poster-link');
});
