/** The compiled 报到审核 page: a community admin approves a pending report (after a confirm). */
import { renderPage } from './harness';

const whoami = { openid: 'demo…ty-1', profile: null, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 };
const item = {
  id: 'r1', openid: 'nc1', status: 'pending', name: '李新', phone: '13912345678', category: 'in_service', building: '3 栋', room: '2单元501', branch: '机关党支部',
  unitId: 'unit-1', unitName: '锦华区税务局', unitStatus: 'verified', moveFromName: null, reason: null, createdAt: '2026-11-22T02:00:00.000Z', decidedAt: null,
};

test('community admin approves a pending report', async () => {
  let approved = false;
  const page = await renderPage('admin-community/reports/index', {}, {
    confirmModals: true,
    cloud: (name, { action, data }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: whoami };
      if (name === 'report' && action === 'pending') {
        expect(data).toMatchObject({ communityId: 'comm-1' });
        return { ok: true, data: { items: approved ? [] : [item], total: approved ? 0 : 1, page: 1, pageSize: 20 } };
      }
      if (name === 'report' && action === 'approve') {
        approved = true;
        return { ok: true, data: { report: { ...item, status: 'approved', decidedAt: '2026-11-22T03:00:00.000Z' }, followUp: 'queued' } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('李新');
  expect(page.text()).toContain('13912345678');
  expect(page.text()).toContain('锦华区税务局');
  await page.tap('通过');
  await page.waitFor(() => page.calls.some((c) => c.action === 'approve'), 3000, 'approve call');
  expect(page.calls.find((c) => c.action === 'approve')?.data).toEqual({ reportId: 'r1' });
  await page.waitForText('暂无待审核的报到');
});
