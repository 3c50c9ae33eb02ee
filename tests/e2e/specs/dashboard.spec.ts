/**
 * 数据看板 on h5 against the seeded stack (375×812): the super admin's district dashboard (锦华区,
 * not "全部") with its 12-month trend and ranked streets, a metric's 口径, drill-down district →
 * street → community → unit → a member's 记实档案; the street admin's own street dashboard.
 */
import { assert, openAs, screenshot, tapText, test, waitForText } from '../harness';

const viewport = { width: 375, height: 812 };
const visible = (page: Awaited<ReturnType<typeof openAs>>, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

test('district dashboard → street → community → unit → member record', async () => {
  const page = await openAs('demo-super', '/dashboard/index/index', { viewport });
  await waitForText(page, '报到党员', 30000);
  await waitForText(page, '锦华区');
  await waitForText(page, '近 12 个月 · 90 天活跃率');
  await waitForText(page, '各街道对比 · 90 天活跃率');
  // numerator/denominator next to every rate, and no made-up numbers where there is no data
  await waitForText(page, /\d+\/\d+/);
  await screenshot(page, 'dashboard-district');
  await visible(page, '近 12 个月 · 90 天活跃率').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-district-trend');

  await tapText(page, '人均服务时长');
  await waitForText(page, '近 12 个月 · 人均服务时长');
  await page.getByText('口径', { exact: true }).filter({ visible: true }).nth(3).click();
  await waitForText(page, /本月：.*小时/);
  await screenshot(page, 'dashboard-definition');
  await tapText(page, '知道了');

  await visible(page, '各街道对比 · 人均服务时长').scrollIntoViewIfNeeded();
  await tapText(page, '东湖街道');
  // each level opens on the default metric (90 天活跃率)
  await waitForText(page, '各社区对比 · 90 天活跃率', 30000);
  await screenshot(page, 'dashboard-street-drill');
  await tapText(page, '东湖社区');
  await waitForText(page, '各单位对比', 30000);
  await visible(page, '各单位对比 · 90 天活跃率').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-community');
  await tapText(page, '锦华区税务局');
  await waitForText(page, '本单位党员（近 90 天服务时长）', 30000);
  await visible(page, '本单位党员（近 90 天服务时长）').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-unit');
  await tapText(page, '张伟');
  await waitForText(page, /共 \d+ 条记录/, 30000);
  await waitForText(page, '张伟');
  await screenshot(page, 'dashboard-member-record');
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
});

test('street admin sees their street, its communities and the idle list', async () => {
  const page = await openAs('demo-street-1', '/admin-street/index/index', { viewport });
  await tapText(page, '数据看板');
  await waitForText(page, '东湖街道', 30000);
  await waitForText(page, '各社区对比 · 90 天活跃率');
  await screenshot(page, 'dashboard-street');
  await visible(page, '各社区对比 · 90 天活跃率').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-street-compare');
  await visible(page, /近 90 天未参与的报到党员/).scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-street-idle');
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
});
