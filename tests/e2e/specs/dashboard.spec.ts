/**
 * 数据看板 on h5 against the seeded stack (375×812): the super admin's district dashboard (锦华区,
 * not "全部") with its 12-month trend and ranked streets, a metric's 口径, drill-down district →
 * street → community → 网格 → back → unit → a member's 记实档案; the street admin's own street
 * dashboard; the district's red/yellow/green thresholds edited (an error by the field, confirmation,
 * the new version) and the dashboard's lights following.
 */
import { assert, openAs, screenshot, tapText, test, waitForText } from '../harness';

const viewport = { width: 375, height: 812 };
const visible = (page: Awaited<ReturnType<typeof openAs>>, text: string | RegExp) => page.getByText(text).filter({ visible: true }).first();

test('district dashboard (thresholds edited) → street → community → grid → unit → member record', async () => {
  const page = await openAs('demo-super', '/dashboard/index/index', { viewport });
  await waitForText(page, '报到党员', 30000);
  await waitForText(page, '锦华区');
  await waitForText(page, '默认阈值');
  await waitForText(page, '近 12 个月 · 90 天活跃率');
  await waitForText(page, '各街道对比 · 90 天活跃率');
  // numerator/denominator next to every rate, and no made-up numbers where there is no data
  await waitForText(page, /\d+\/\d+/);
  await screenshot(page, 'dashboard-district');

  // the district's thresholds: a bad pair is refused by the field, saving asks first, the dashboard follows
  await tapText(page, '设置阈值 ›');
  await waitForText(page, '当前为默认阈值（尚未保存过）', 30000);
  // 90 天活跃率 (third metric): green 20 % under yellow 30 %
  const inputs = page.locator('input').filter({ visible: true });
  await inputs.nth(4).fill('20');
  await tapText(page, '保存为新版本');
  await waitForText(page, /绿灯线应不低于黄灯线/);
  await visible(page, /绿灯线应不低于黄灯线/).scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-thresholds-error');
  await inputs.nth(4).fill('40');
  await tapText(page, '保存为新版本');
  await waitForText(page, '保存为第 1 版阈值？');
  await page.locator('.taro-modal__foot').getByText('保存', { exact: true }).click();
  await waitForText(page, '当前第 1 版', 30000);
  await screenshot(page, 'dashboard-thresholds-saved');
  await page.goBack();
  await waitForText(page, '阈值第 1 版', 30000);
  await screenshot(page, 'dashboard-district-thresholds');
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
  // 东湖社区 has 网格 (seed): ranked apart from its units, each opening its members
  await visible(page, '各网格对比 · 90 天活跃率').scrollIntoViewIfNeeded();
  await waitForText(page, /未划分网格的党员 \d+ 人/);
  await screenshot(page, 'dashboard-community-grids');
  await tapText(page, '东湖一网格');
  await waitForText(page, '本网格党员（近 90 天在本网格的服务时长）', 30000);
  await visible(page, '本网格党员（近 90 天在本网格的服务时长）').scrollIntoViewIfNeeded();
  await screenshot(page, 'dashboard-grid');
  await page.goBack();
  await waitForText(page, '各单位对比 · 90 天活跃率', 30000);
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

