/** The compiled 到社区报到 page opened from a scanned community code (weapp passes `options.scene` URL-encoded). */
import { renderPage } from './harness';

const community = { id: 'comm-1', name: '东湖社区', streetName: '东湖街道', address: '东湖路 120 号东湖社区党群服务中心' };
const pendingReport = { id: 'r1', status: 'pending', communityId: 'comm-1', communityName: '东湖社区', reason: null, moveFrom: null, movedTo: null, createdAt: '2026-11-22T02:00:00.000Z', decidedAt: null, closedAt: null };

test('opened with a scene: shows the community, reports, and shows the pending report', async () => {
  let submitted = false;
  const page = await renderPage('pages/report/index', { scene: encodeURIComponent('c=comm-1') }, {
    cloud: (name, { action }) => {
      if (name === 'report' && action === 'resolveScene') {
        return { ok: true, data: { community, current: submitted ? pendingReport : null, relation: submitted ? 'same' : 'none', profileComplete: true } };
      }
      if (name === 'report' && action === 'mine') return { ok: true, data: { current: submitted ? pendingReport : null, history: submitted ? [pendingReport] : [] } };
      if (name === 'report' && action === 'submit') {
        submitted = true;
        return { ok: true, data: { report: pendingReport } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('东湖社区');
  expect(page.text()).toContain('东湖街道');
  expect(page.text()).toContain('暂无报到记录');
  const resolve = page.calls.find((c) => c.action === 'resolveScene');
  // the raw scene reaches the server, which decodes it (core/domain/scene.ts#parseScene)
  expect((resolve?.data as { scene: string }).scene).toMatch(/^c(=|%3D)comm-1$/);

  await page.tap('确认报到');
  await page.waitFor(() => page.calls.some((c) => c.action === 'submit'), 3000, 'submit call');
  expect(page.calls.find((c) => c.action === 'submit')?.data).toEqual({ communityId: 'comm-1', confirmMove: false, requestId: expect.any(String) });
  await page.waitForText('请等待社区审核');
  await page.waitForText('撤回申请');
  expect(page.toasts).toContain('已提交，等待社区审核');
});
