/**
 * The compiled 数据看板 subpackage: the dashboard shows every metric with numerator/denominator and
 * its light from the district's thresholds, the 口径 one tap away, drill-down and the thresholds
 * link; the thresholds page refuses a bad pair next to the field, asks before saving, sends a
 * requestId and shows the new version.
 */
import type { Whoami } from '../../core/contracts/member';
import type { Dashboard } from '../../core/contracts/stats';
import { DEFAULT_THRESHOLDS } from '../../core/domain/stats';
import { renderPage, type CloudHandler } from './harness';

const counters = (over: Record<string, number> = {}) => ({
  unitMembers: 33, unitMembersReported: 21, units: 6, unitsReported: 3, reported: 40, active: 18, minutes: 1200,
  tasksPublished: 10, tasksFilled: 8, tasksCompleted: 7, needs: 4, needsDone: 2, needsResponded: 2, needsResponseDays: 5,
  projects: 2, projectsDone: 1, resourceUnits: 3, resourceUnitsUsed: 1, wishes: 5, wishesClaimed: 4, wishesFulfilled: 3, wishFulfilDays: 30,
  pledgesReviewed: 4, pledgesFulfilled: 3, wishesConfirmed: 3, wishesResident: 2, ...over,
});

function district(version: number, activeGreen: number): Dashboard {
  return {
    scope: { id: 'd1', kind: 'district', name: '锦华区', parentId: null, path: [] },
    month: '2026-11',
    asOf: '2026-11-29T14:00:00.000Z',
    months: [{ month: '2026-10', c: counters({ active: 10 }) }, { month: '2026-11', c: counters() }],
    children: [
      { id: 's1', kind: 'street', name: '东湖街道', c: counters({ active: 12, reported: 20 }) },
      { id: 's2', kind: 'street', name: '西城街道', c: counters({ active: 6, reported: 20 }) },
    ],
    siblings: [],
    idleMembers: { count: 22, items: [] },
    idleUnits: { count: 1, items: [] },
    members: null,
    thresholds: { version, values: { ...DEFAULT_THRESHOLDS, activeRate: { green: activeGreen, yellow: 0.3 } }, at: version ? '2026-11-29T13:00:00.000Z' : null },
    canEditThresholds: true,
  };
}

/** the light class drawn on the card of the metric labelled `label` */
function lightOf(root: HTMLElement, label: string): string | undefined {
  const card = (Array.from(root.querySelectorAll('[class*="db-metric "], [class$="db-metric"], [class*="db-metric--on"]')) as HTMLElement[])
    .find((el) => el.textContent?.includes(label));
  const light = card?.querySelector('[class*="db-light--"]');
  return light?.getAttribute('class')?.match(/db-light--(\w+)/)?.[1];
}

test('district dashboard: n/d on every rate, lights from the saved thresholds, 口径 in one tap, drill-down and 设置阈值', async () => {
  const whoami: Whoami = { openid: 'demo-district', profile: null, grants: [{ role: 'district', scopeId: 'd1', scopeName: '锦华区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 };
  const cloud: CloudHandler = (name, { action, data }) => {
    if (name === 'member' && action === 'whoami') return { ok: true, data: whoami };
    if (name === 'stats' && action === 'dashboard' && (data as { scopeId: string }).scopeId === 'd1') return { ok: true, data: district(2, 0.4) };
    return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
  };
  const page = await renderPage('dashboard/index/index', { scopeId: 'd1' }, { cloud });
  await page.waitForText('锦华区');
  const text = page.text();
  expect(text).toContain('党员报到率');
  expect(text).toContain('63.6%');
  expect(text).toContain('21/33'); // every rate shows numerator/denominator
  expect(text).toContain('45.0%');
  expect(text).toContain('18/40');
  expect(text).toContain('阈值第 2 版');
  expect(text).toContain('各街道对比');
  // 18/40 = 45 %: green at the saved line 40 % (the default 60 % would make it yellow)
  expect(lightOf(page.root.dom, '90 天活跃率')).toBe('green');
  expect(lightOf(page.root.dom, '党员报到率')).toBe('red'); // 63.6 % < 70 %
  await page.tap('口径');
  expect(page.modals[page.modals.length - 1]).toMatchObject({ title: '党员报到率' });
  expect(page.modals[page.modals.length - 1].content).toContain('21/33');
  // a trend month shows its own numerator/denominator on a tap
  await page.tap('10月');
  expect(page.toasts).toContain('2026 年 10 月：25.0%（10/40）');
  await page.tap('设置阈值 ›');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/dashboard/thresholds/index?districtId=d1' });
  await page.tap('西城街道');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/dashboard/index/index?scopeId=s2' });
});

test('thresholds: a bad pair is refused next to its field; saving asks first, sends a requestId and shows the new version', async () => {
  let saved: { values: Record<string, { green: number; yellow: number }>; requestId: string } | null = null;
  const cloud: CloudHandler = (name, { action, data }) => {
    if (name !== 'stats') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    if (action === 'dashboard') return { ok: true, data: saved ? district(3, saved.values.activeRate.green) : district(2, 0.4) };
    if (action === 'setThresholds') { saved = data as typeof saved; return { ok: true, data: { version: 3 } }; }
    return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
  };
  const page = await renderPage('dashboard/thresholds/index', { districtId: 'd1' }, { cloud });
  await page.waitForText('当前第 2 版');
  // the third metric (90 天活跃率): inputs 4 (green) and 5 (yellow), in percent
  await page.input(4, '20');
  await page.input(5, '30');
  await page.tap('保存为新版本');
  await page.waitForText('绿灯线应不低于黄灯线');
  expect(page.calls.filter((c) => c.action === 'setThresholds')).toHaveLength(0);
  await page.input(2, '120'); // 单位报到率 above 100 %
  await page.tap('保存为新版本');
  await page.waitForText('应在 0–100% 之间');
  await page.input(2, '90');
  await page.input(4, '50');
  await page.tap('保存为新版本');
  await page.waitForText('当前第 3 版');
  expect(page.modals.map((m) => m.title)).toContain('保存为第 3 版阈值？');
  const calls = page.calls.filter((c) => c.action === 'setThresholds');
  expect(calls).toHaveLength(1);
  const sent = calls[0].data as { districtId: string; requestId: string; values: Record<string, { green: number; yellow: number }> };
  expect(sent.districtId).toBe('d1');
  expect(sent.requestId).toMatch(/^[A-Za-z0-9_-]{6,40}$/);
  expect(sent.values.activeRate).toEqual({ green: 0.5, yellow: 0.3 });
  expect(sent.values.wishDays).toEqual({ green: 14, yellow: 30 });
  expect(Object.keys(sent.values)).toHaveLength(15);
  expect(page.toasts).toContain('已保存为第 3 版');
});

test('报到名册: where the community has 网格 the admin filters by grid and puts a member into one', async () => {
  const whoami: Whoami = { openid: 'demo-community-1', profile: null, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 };
  const row = (reportId: string, name: string, gridId: string | null) => ({
    reportId, openid: `o-${reportId}`, name, phone: '138****0001', status: 'approved', unitId: null, unitName: null, building: '3 栋', room: '501',
    category: 'in_service', createdAt: '2026-11-01T02:00:00.000Z', decidedAt: '2026-11-02T02:00:00.000Z', gridId,
  });
  const grid: Record<string, string | null> = { r1: 'grid-1-1', r2: null };
  const cloud: CloudHandler = (name, { action, data }) => {
    if (name === 'member' && action === 'whoami') return { ok: true, data: whoami };
    if (name === 'org' && action === 'listUnits') return { ok: true, data: { items: [] } };
    if (name === 'report' && action === 'grids') return { ok: true, data: { items: [{ id: 'grid-1-1', name: '东湖一网格' }, { id: 'grid-1-2', name: '东湖二网格' }] } };
    if (name === 'report' && action === 'roster') {
      const want = (data as { gridId?: string }).gridId;
      const items = [row('r1', '张伟', grid.r1), row('r2', '李娜', grid.r2)].filter((r) => !want || r.gridId === want);
      return { ok: true, data: { items, total: items.length, page: 1, pageSize: 20 } };
    }
    if (name === 'report' && action === 'setGrid') { const d = data as { reportId: string; gridId: string | null }; grid[d.reportId] = d.gridId; return { ok: true, data: d }; }
    return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
  };
  const page = await renderPage('admin-community/roster/index', {}, { cloud });
  await page.waitForText('李娜');
  expect(page.text()).toContain('网格：东湖一网格');
  expect(page.text()).toContain('网格：未划分网格');
  expect(page.text()).toContain('全部网格');
  // 张伟 (first row) out of his grid: the chooser opens under his card
  await page.tap('设置网格 ›');
  await page.waitForText('不划分');
  await page.tap('不划分');
  await page.waitForNoText('网格：东湖一网格');
  expect(page.calls.filter((c) => c.action === 'setGrid').map((c) => c.data)).toEqual([{ reportId: 'r1', gridId: null }]);
  expect(page.toasts).toContain('已设置网格');
  expect(page.text()).not.toContain('不划分'); // the chooser closed
  // the filter chip asks the server for one grid's members (none left in 东湖一网格)
  await page.tap('东湖一网格');
  await page.waitForNoText('李娜');
  expect(page.calls.filter((c) => c.action === 'roster').pop()?.data).toMatchObject({ communityId: 'comm-1', gridId: 'grid-1-1' });
});
