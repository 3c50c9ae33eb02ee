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
  // 评语与等次 on 张伟's draft: the grade the rule suggested can be changed, with a comment for the unit
  const draft = card(admin, '张伟');
  await draft.getByText('评语与等次').click();
  await screenshot(admin, 'letters-community-grade-form');
  await draft.getByText('合格', { exact: true }).first().click();
  await draft.locator('textarea').fill('按时参加社区活动，服务认真');
  await draft.getByText('保存', { exact: true }).click();
  await waitForText(admin, '社区评语：按时参加社区活动，服务认真', 15000);
  await waitForText(admin, /社区评定（规则建议：/);
  await screenshot(admin, 'letters-community-graded');

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
  await waitForText(admin, '党员异议期尚未结束'); // drafted minutes ago: sending now is an explicit choice
  await screenshot(admin, 'letters-community-send-early');
  await tapText(admin, /^提前发送$/);
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
  // the browser saves the PDF or opens it in a tab, depending on its PDF viewer
  const pdf = Promise.race([
    unit.waitForEvent('download', { timeout: 30000 }).then((d) => d.suggestedFilename()),
    unit.context().waitForEvent('page', { timeout: 30000 }).then((p) => p.url()),
  ]);
  await zhang.getByText('下载 PDF', { exact: true }).click();
  const got = await pdf;
  assert(/\.pdf/.test(decodeURIComponent(got)), `the letter PDF arrives (${got})`);
  await zhang.getByText('回执', { exact: true }).click();
  await unit.getByText(/^回执$/).filter({ visible: true }).last().click(); // the dialog's button, above the card's
  await unit.locator('.sbd-tabs').filter({ visible: true }).getByText('已回执').click();
  await waitForText(unit, /单位回执于/, 15000);
  await screenshot(unit, 'letters-unit-acknowledged');
  assert(unit.errors.length === 0, `page errors: ${unit.errors.join('; ')}`);
});

test('双向评价: community gives 张伟 评语与等次 → unit rates the community → the street sees the roll-up', async () => {
  const year = `${new Date().getFullYear()} 年度`;
  const admin = await openAs('demo-community-1', '/admin-community/index/index', { viewport });
  await tapText(admin, '双向评价');
  await tapText(admin, year);
  await waitForText(admin, /已评价 \d+ \/ \d+/, 15000);
  const zhang = card(admin, '张伟');
  await zhang.getByText('评语与等次').click();
  await tapText(admin, '提交评价'); // nothing chosen: the errors stand next to the fields
  await waitForText(admin, '请选择 1–5 分');
  await waitForText(admin, '请选择等次');
  await screenshot(admin, 'eval-community-form-errors');
  await zhang.getByText('★★★★★', { exact: true }).click();
  await zhang.getByText('优秀', { exact: true }).click();
  await zhang.locator('textarea').fill('全年参加服务积极，带动单位同事参与');
  await tapText(admin, '提交评价');
  await waitForText(admin, '全年参加服务积极，带动单位同事参与', 15000);
  assert(((await card(admin, '张伟').textContent()) ?? '').includes('已评价'), '张伟 shows 已评价');
  await screenshot(admin, 'eval-community-member-done');

  const unit = await openAs('demo-unit-1', '/admin-unit/index/index', { viewport });
  await tapText(unit, '双向评价');
  await tapText(unit, year);
  await waitForText(unit, '东湖社区', 15000);
  await tapText(unit, /^评价$/);
  await unit.getByText('★★★★', { exact: true }).click();
  await unit.locator('textarea').filter({ visible: true }).fill('对接及时，项目落实好');
  await tapText(unit, '提交评价');
  await waitForText(unit, '对接及时，项目落实好', 15000);
  await screenshot(unit, 'eval-unit-community-done');

  const street = await openAs('demo-street-1', '/admin-street/index/index', { viewport });
  await tapText(street, '双向评价汇总');
  await tapText(street, year);
  await waitForText(street, /单位评社区 4 分（1）/, 15000);
  await waitForText(street, /社区评党员 5 分（1）/);
  await screenshot(street, 'eval-street-rollup');
  for (const p of [admin, unit, street]) assert(p.errors.length === 0, `page errors: ${p.errors.join('; ')}`);
});
