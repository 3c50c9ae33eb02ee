/** The compiled 我的承诺 and 心愿墙 pages (subpackages pledge/ and wish/) render their data and act on taps. */
import { renderPage } from './harness';

const iso = (s: string) => new Date(s).toISOString();
const pledge = (over: Record<string, unknown>) => ({
  id: 'p1', year: 2026, communityId: 'c1', communityName: '东湖社区', type: 'deed', title: '参加小区环境整治 6 次',
  target: { kind: 'tasks', count: 6, category: 'environment' }, targetText: '参加 6 次环境整治', deadline: iso('2026-12-31T15:59:59Z'),
  link: null, status: 'approved', phase: 'in_progress', progress: { done: 4, goal: 6, percent: 66 }, returnReason: null, review: null,
  evidence: [], createdAt: iso('2026-02-01T02:00:00Z'), ...over,
});

test('我的承诺: progress bars, a returned pledge with its reason, adding evidence', async () => {
  const page = await renderPage('pledge/mine/index', {}, {
    cloud: (name, { action }) => {
      if (name !== 'pledge') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'mine') {
        return { ok: true, data: { year: 2026, limit: 3, used: 2, canPledge: true, communityId: 'c1', items: [
          pledge({}),
          pledge({ id: 'p2', type: 'advice', title: '为停车治理提建议', status: 'returned', phase: 'returned', target: { kind: 'manual', count: 3, unit: '条' }, targetText: '完成 3 条', returnReason: '请写明建议的方向' }),
        ] } };
      }
      if (action === 'addEvidence') return { ok: true, data: { pledge: pledge({ evidence: [{ id: 'e1', text: '3 月 2 日清理楼道', photos: [], photoUrls: [], createdAt: iso('2026-03-02T02:00:00Z') }] }) } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('参加小区环境整治 6 次');
  expect(page.text()).toContain('2026 年度承诺');
  expect(page.text()).toContain('已作 2/3 项');
  expect(page.text()).toContain('4/6 次 · 66%');
  expect(page.text()).toContain('践诺中');
  expect(page.text()).toContain('退回原因：请写明建议的方向');
  expect(page.text()).toContain('修改后重新提交');

  await page.tap('修改后重新提交');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pledge/edit/index?id=p2' });

  await page.tap('添加践诺记录');
  await page.waitForText('保存记录');
  await page.input('为 3 栋王奶奶', '3 月 2 日清理楼道');
  await page.tap('保存记录');
  await page.waitFor(() => page.calls.some((c) => c.action === 'addEvidence'), 3000, 'addEvidence call');
  const call = page.calls.find((c) => c.action === 'addEvidence')!;
  expect(call.data).toMatchObject({ id: 'p1', text: '3 月 2 日清理楼道', photos: [] });
  expect((call.data as { requestId: string }).requestId).toMatch(/^[A-Za-z0-9_-]{6,40}$/);
});

const wish = (over: Record<string, unknown>) => ({
  id: 'w1', communityId: 'c1', communityName: '东湖社区', title: '一台助行器', description: '', forWhom: '独居老人', category: 'health',
  valueCap: 300, deadline: iso('2026-04-30T15:59:59Z'), status: 'open', donor: null, groupSize: 0, groupMax: 3, mine: false, photoUrls: [],
  createdAt: iso('2026-03-01T02:00:00Z'), ...over,
});

test('心愿墙: open and claimed wishes (anonymous donor), my claims tab', async () => {
  const page = await renderPage('wish/wall/index', {}, {
    cloud: (name, { action }) => {
      if (name !== 'wish') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'wall') {
        return { ok: true, data: { items: [wish({}), wish({ id: 'w2', title: '几本童书', category: 'study', forWhom: '困难家庭儿童', status: 'claimed', donor: '爱心党员（匿名）', groupSize: 2 })], total: 2, page: 1, pageSize: 20 } };
      }
      if (action === 'mine') {
        return { ok: true, data: { items: [{ wish: wish({ id: 'w3', title: '修理轮椅', status: 'confirmed', donor: '张伟、李娜', mine: true, groupSize: 2 }), claimId: 'w3-c1', status: 'confirmed', anonymous: false, leader: true, claimedAt: iso('2026-03-01T02:00:00Z'), points: 5 }], total: 1, page: 1, pageSize: 20 } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('一台助行器');
  expect(page.text()).toContain('待认领');
  expect(page.text()).toContain('为 独居老人');
  expect(page.text()).toContain('价值不超过 300 元');
  expect(page.text()).toContain('认领：爱心党员（匿名）');
  await page.tap('一台助行器');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/wish/detail/index?id=w1' });

  await page.tap('我的认领');
  await page.waitForText('修理轮椅');
  expect(page.text()).toContain('已实现 · 积分 +5');
  expect(page.calls.filter((c) => c.name === 'wish').map((c) => c.action)).toEqual(['wall', 'mine']);
});
