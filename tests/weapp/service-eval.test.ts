/** 我的承诺 at year end (a second render of the page, so its own file): the residents' ratings and the 自评 form. */
import { renderPage } from './harness';
import { iso, pledge } from './canned';

jest.setTimeout(30_000);

test('我的承诺: a due pledge shows the residents\' ratings and takes a 自评', async () => {
  const due = pledge({ id: 'p3', title: '每月为 3 栋老人代购', phase: 'due', progress: { done: 6, goal: 6, percent: 100 }, ratings: { good: 2, fair: 1, poor: 0 } });
  const page = await renderPage('pledge/mine/index', {}, {
    cloud: (name, { action, data }) => {
      if (name !== 'pledge') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'mine') return { ok: true, data: { year: 2026, limit: 3, used: 1, canPledge: true, communityId: 'c1', items: [due] } };
      if (action === 'selfEvaluate') return { ok: true, data: { pledge: { ...due, selfEval: { text: (data as { text: string }).text, at: iso('2026-12-01T02:00:00Z') } } } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('每月为 3 栋老人代购');
  expect(page.text()).toContain('待评诺');
  expect(page.text()).toContain('群众评价：满意 2 · 基本满意 1 · 不满意 0');
  await page.tap('写自评');
  await page.waitForText('提交自评');
  await page.input('写明践诺情况', '每月按时代购，从未间断');
  await page.tap('提交自评');
  await page.waitFor(() => page.calls.some((c) => c.action === 'selfEvaluate'), 3000, 'selfEvaluate call');
  expect(page.calls.find((c) => c.action === 'selfEvaluate')!.data).toEqual({ id: 'p3', text: '每月按时代购，从未间断' });
});
