/** Scanning another community's code while reported elsewhere offers a move, after a confirm dialog. */
import { renderPage } from './harness';

const approved = { id: 'r0', status: 'approved', communityId: 'comm-1', communityName: '东湖社区', reason: null, moveFrom: null, movedTo: null, createdAt: '2026-10-01T02:00:00.000Z', decidedAt: '2026-10-02T02:00:00.000Z', closedAt: null };

test('a reported member scanning another community confirms the move', async () => {
  const page = await renderPage('pages/report/index', { scene: 'c%3Dcomm-2' }, {
    confirmModals: true,
    cloud: (name, { action }) => {
      if (name === 'report' && action === 'resolveScene') {
        return { ok: true, data: { community: { id: 'comm-2', name: '花园社区', streetName: '东湖街道', address: '花园街 8 号' }, current: approved, relation: 'move', profileComplete: true } };
      }
      if (name === 'report' && action === 'mine') return { ok: true, data: { current: approved, history: [approved] } };
      if (name === 'report' && action === 'submit') return { ok: true, data: { report: { ...approved, id: 'r2', status: 'pending', communityId: 'comm-2', communityName: '花园社区', moveFrom: 'r0', decidedAt: null } } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('花园社区');
  await page.waitForText('申请迁移到本社区');
  expect(page.text()).toContain('您当前在东湖社区已报到');
  await page.tap('申请迁移到本社区');
  await page.waitFor(() => page.calls.some((c) => c.action === 'submit'), 3000, 'submit call');
  expect(page.modals[0]?.title).toBe('迁移报到社区？');
  expect(page.modals[0]?.content).toContain('新社区审核通过后原报到关闭');
  expect(page.calls.find((c) => c.action === 'submit')?.data).toEqual({ communityId: 'comm-2', confirmMove: true, requestId: expect.any(String) });
});
