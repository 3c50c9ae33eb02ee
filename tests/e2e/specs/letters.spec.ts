/**
 * 反馈单 on h5 against the seeded stack (375×812): the community admin drafts last quarter's letters;
 * the member objects to one line; the community answers (only that line changes) and confirms the
 * batch; the unit admin finds the numbered letters in its inbox and acknowledges one (回执).
 */
import { assert, openAs, screenshot, tapText, test, waitForText } from '../harness';

const viewport = { width: 375, height: 812 };
const card = (page: Awaited<ReturnType<typeof openAs>>, name: string) => page.locator('.sbd-card').filter({ visible: true }).filter({ hasText: name }).first();

test('community drafts quarterly letters → member disputes one line → community answers', async () => {
  const admin = await openAs('demo-community-1', '/admin-community/index/index', { viewport });
  await tapText(admin, '反馈单');
  await waitForText(admin, '生成草稿', 15000);
  await tapText(admin, '生成草稿');
  await waitForText(admin, '张伟', 30000);
  await waitForText(admin, /建议等次/);
  await screenshot(admin, 'letters-community-drafts');

  const member = await openAs('demo-member-1', '/pages/mine/index', { viewport });
  await tapText(member, '我的反馈单');
  await waitForText(member, '对某一项有异议', 15000);
  await tapText(member, '对某一项有异议');
  await card(member, '张伟').getByText('参加服务', { exact: true }).last().click();
  await member.locator('textarea').filter({ visible: true }).first().fill('漏记了 9 月 20 日的敬老院探访，有签到照片');
  await tapText(member, '提交异议');
  await waitForText(member, '（待社区答复）', 15000);
  await screenshot(member, 'letters-member-dispute');

  await admin.reload();
  await waitForText(admin, '答复异议', 15000);
  await tapText(admin, '答复异议');
  const boxes = admin.locator('textarea').filter({ visible: true });
  await boxes.nth(0).fill('已核实签到照片，予以补记');
  await boxes.nth(1).fill('1 次，累计 2 小时');
  await tapText(admin, '提交答复');
  await waitForText(admin, /社区答复：已核实签到照片，予以补记/, 15000);
  await waitForText(admin, '1 次，累计 2 小时');
  await screenshot(admin, 'letters-community-answered');
  assert(member.errors.length === 0, `page errors: ${member.errors.join('; ')}`);
  assert(admin.errors.length === 0, `page errors: ${admin.errors.join('; ')}`);
});

test('community confirms the batch → unit receives numbered letters → 回执', async () => {
  const admin = await openAs('demo-community-1', '/record/letters/index', { viewport });
  await waitForText(admin, /确认发送（\d+）/, 15000);
  await tapText(admin, /确认发送（\d+）/);
  await tapText(admin, /^确认发送$/);
  await tapText(admin, '已发送');
  await waitForText(admin, /编号 FK-COMM1-\d{4}-\d{6}/, 30000);
  await screenshot(admin, 'letters-community-sent');

  const unit = await openAs('demo-unit-1', '/admin-unit/index/index', { viewport });
  await tapText(unit, '党员反馈单');
  await waitForText(unit, /编号 FK-COMM1-/, 15000);
  const zhang = card(unit, '张伟');
  await zhang.scrollIntoViewIfNeeded();
  assert(((await zhang.textContent()) ?? '').includes('社区答复：已核实签到照片，予以补记'), 'the answered line reached the unit');
  await screenshot(unit, 'letters-unit-inbox');
  await zhang.getByText('回执', { exact: true }).click();
  await unit.getByText(/^回执$/).filter({ visible: true }).last().click(); // the dialog's button, above the card's
  await unit.locator('.sbd-tabs').filter({ visible: true }).getByText('已回执').click();
  await waitForText(unit, /单位回执于/, 15000);
  await screenshot(unit, 'letters-unit-acknowledged');
  assert(unit.errors.length === 0, `page errors: ${unit.errors.join('; ')}`);
});
