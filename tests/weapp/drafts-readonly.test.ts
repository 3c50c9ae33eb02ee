/**
 * A view that may not be edited has no draft, on the REAL compiled weapp page: a public (approved)
 * pledge opened in the editor shows the stored pledge, not a draft left in storage, and typing
 * stores nothing.
 */
import { renderPage, storage } from './harness';
import { pledge } from './canned';
import { DRAFT_DEBOUNCE_MS } from '../../src/components/sub/draftStore';

test('承诺 already public: the stored pledge, no 已恢复 hint, nothing stored while typing', async () => {
  storage.set('draft:pledge-edit:p1', { v: { type: 'deed', title: '一条旧草稿', kind: 'tasks', amount: '6', category: 'environment', unit: '次', deadline: '2026-12-31', link: null }, at: Date.now() });
  const page = await renderPage('pledge/edit/index', { id: 'p1' }, {
    cloud: (name, { action }) => {
      if (name === 'pledge' && action === 'mine') return { ok: true, data: { year: 2026, limit: 3, used: 1, canPledge: true, communityId: 'c1', items: [pledge({})] } };
      if (name === 'pledge' && action === 'linkOptions') return { ok: true, data: { items: [] } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('2026 年度承诺');
  const data = () => JSON.stringify((page.root.instance as { data: unknown }).data);
  await page.waitFor(() => data().includes('参加小区环境整治 6 次'), 3000, 'the stored pledge in the form');
  expect(data()).not.toContain('一条旧草稿');
  expect(page.text()).not.toContain('已恢复未提交的草稿');
  // a fake clock that also runs on its own, so the draft's write pause can be skipped, not waited for
  jest.useFakeTimers({ advanceTimers: true });
  try {
    await page.input('如：', '想改一下');
    jest.advanceTimersByTime(DRAFT_DEBOUNCE_MS * 2);
  } finally {
    jest.useRealTimers();
  }
  expect((storage.get('draft:pledge-edit:p1') as { v: { title: string } }).v.title).toBe('一条旧草稿');
  expect(storage.size).toBe(1);
});
