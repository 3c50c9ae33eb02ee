/**
 * The 8 main pages (and the community's need and project lists) at 375×812 (artifacts/screenshots/ui-<label>-<page>.png, label from UI_SHOTS,
 * default "after") to compare before/after a UI change by eye, and the h5 admin title bar with back.
 */
import { assert, openAs, screenshot, test, waitForText } from '../harness';

const LABEL = process.env.UI_SHOTS || 'after';
const VIEWPORT = { width: 375, height: 812 };

const PAGES: Array<{ name: string; who: string; route: string; text: string | RegExp; admin?: string }> = [
  { name: 'home', who: 'demo-member-1', route: '/pages/index/index', text: '我的报到' },
  { name: 'tasks', who: 'demo-member-1', route: '/pages/tasks/index', text: /报名|任务/ },
  { name: 'points', who: 'demo-member-1', route: '/pages/points/index', text: /积分/ },
  { name: 'mine', who: 'demo-member-1', route: '/pages/mine/index', text: /张伟/ },
  { name: 'report', who: 'demo-member-1', route: '/pages/report/index', text: /报到/ },
  { name: 'profile', who: 'demo-member-1', route: '/pages/profile/index', text: /姓名/ },
  { name: 'admin-community', who: 'demo-community-1', route: '/admin-community/index/index', text: /社区/, admin: '社区管理' },
  { name: 'admin-reports', who: 'demo-community-1', route: '/admin-community/reports/index', text: /审核|报到/, admin: '报到审核' },
  // beyond the 8: the lists moved onto the kit (Field, Chips, TextArea, ListRow, ActionRow)
  { name: 'admin-needs', who: 'demo-community-1', route: '/admin-community/needs/index', text: '登记新需求', admin: '需求清单' },
  { name: 'admin-projects', who: 'demo-community-1', route: '/admin-community/projects/index', text: /发布为任务|暂无项目/, admin: '项目清单' },
];

for (const p of PAGES) {
  test(`ui ${p.name} at 375×812`, async () => {
    const page = await openAs(p.who, p.route, { viewport: VIEWPORT });
    // a cold function worker on a busy machine can time out once: the page offers 重试, use it
    const retry = page.getByText('重试').filter({ visible: true }).first();
    await Promise.race([waitForText(page, p.text, 15000), retry.waitFor({ state: 'visible', timeout: 15000 })]).catch(() => undefined);
    if (await retry.isVisible().catch(() => false)) await retry.click();
    await waitForText(page, p.text, 15000);
    if (p.admin && LABEL !== 'before') {
      // h5 has no native navigation bar: admin pages draw their own title with a way back
      const bar = page.locator('#taro-navigation-bar').filter({ visible: true }).first();
      await bar.waitFor({ state: 'visible', timeout: 8000 });
      assert((await bar.innerText()).includes(p.admin), `title bar of ${p.route} should say ${p.admin}`);
      assert((await bar.locator('.taro-navigation-bar-back, .taro-navigation-bar-home').filter({ visible: true }).count()) === 1, `title bar of ${p.route} should have a back button`);
    }
    await screenshot(page, `ui-${LABEL}-${p.name}`);
    assert(page.errors.length === 0, `page errors on ${p.route}: ${page.errors.join('; ')}`);
  });
}
