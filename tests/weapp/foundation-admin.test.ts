/** 我的 for an admin: workbench entries come from whoami grants and open the right subpackage. */
import type { Whoami } from '../../core/contracts/member';
import { renderPage } from './harness';

const admin: Whoami = {
  openid: 'oDef…1234',
  profile: { name: '王芳', phone: '13900002222', branch: '', building: '1 栋', room: '101', category: 'in_service', updatedAt: null },
  grants: [
    { role: 'community', scopeId: 'c-donghu', scopeName: '东湖社区' },
    { role: 'unit', scopeId: 'u-tax', scopeName: '锦华区税务局' },
  ],
  report: null,
  unit: null,
  privacyAccepted: true,
  unreadInbox: 0,
};

test('grants open 社区 and 单位 workbenches; the tap opens the community subpackage', async () => {
  const page = await renderPage('pages/mine/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: admin };
      throw new Error(`unexpected call ${name}.${action}`);
    },
  });
  await page.waitForText('管理工作台');
  expect(page.text()).toContain('社区管理员工作台');
  expect(page.text()).toContain('单位管理员工作台');
  expect(page.text()).not.toContain('街道管理员工作台');
  expect(page.text()).toContain('未加入'); // no unit membership yet

  await page.tap('社区管理员工作台');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/admin-community/index/index' });
});
