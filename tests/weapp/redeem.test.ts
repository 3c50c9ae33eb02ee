/** The compiled 积分商城 page renders both balances and the catalogue from the redeem function, and says why an item cannot be taken. */
import type { Whoami } from '../../core/contracts/member';
import { renderPage } from './harness';

const item = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id, communityId: 'c1', kind: 'goods', title, description: '', price: 8, stock: 5, perMemberLimit: 1,
  validFrom: '2026-11-01T00:00:00.000Z', validTo: '2027-02-01T00:00:00.000Z', status: 'on', redeemed: 0, held: 0, block: null, ...extra,
});

test('积分商城: 考核分 and 可兑换分, items with stock, sold-out and not-enough states', async () => {
  const page = await renderPage('redeem/mall/index', {}, {
    cloud: (name, { action }) => {
      if (name !== 'redeem') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'summary') return { ok: true, data: { year: 2026, assessed: 24, spendable: 17, parts: [{ year: 2026, spendable: 17, expiresAt: '2027-12-31T16:00:00.000Z' }], communityId: 'c1', materialOff: false, ratio: 1 } };
      if (action === 'catalogue') {
        return { ok: true, data: { items: [
          item('i1', '爱心超市洗衣液 2L', { stock: 1 }),
          item('i2', '大米 5kg', { price: 20 }),
          item('i3', '保温杯', { stock: 0, block: '已兑完' }),
          item('i4', '优秀志愿者证书', { kind: 'honour', price: 10 }),
        ], total: 4, page: 1, pageSize: 20, communityId: 'c1', materialOff: false } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('爱心超市洗衣液 2L');
  const text = page.text();
  expect(text).toContain('2026 考核分');
  expect(text).toContain('可兑换分');
  expect(text).toContain('17');
  expect(text).toContain('剩 1 件');
  expect(text).toContain('积分不足'); // 大米 costs 20 > 17
  expect(text).toContain('已兑完');
  expect(text).toContain('荣誉');
  expect(text).toContain('我的兑换');
});

test('积分兑换设置 (district admin): current values, errors next to the field, a confirmation before material rewards go off, saved', async () => {
  const whoami: Whoami = { openid: 'demo-district', profile: null, grants: [{ role: 'district', scopeId: 'd1', scopeName: '锦华区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 };
  let stored = { districtId: 'd1', materialOff: false, ratio: 1, validYears: 1, canEdit: true };
  const page = await renderPage('admin-redeem/settings/index', { scopeId: 'd1' }, {
    cloud: (name, { action, data }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: whoami };
      if (name === 'redeem' && action === 'settings') return { ok: true, data: stored };
      if (name === 'redeem' && action === 'setSettings') {
        stored = { ...(data as typeof stored), canEdit: true };
        return { ok: true, data: stored };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('兑换比例');
  expect(page.text()).toContain('次年底'); // validYears 1: the end of the following year
  expect(page.text()).toContain('开放');
  const saves = () => page.calls.filter((c) => c.action === 'setSettings');

  // as the function checks: 0–10, at most two decimals; nothing is sent
  await page.input('兑换比例', '12');
  await page.tap('保存');
  await page.waitForText('兑换比例须在 0 到 10 之间');
  await page.input('兑换比例', '0.555');
  await page.tap('保存');
  await page.waitForText('最多两位小数');
  expect(saves()).toHaveLength(0);

  // material rewards off: its own confirmation, then saved with the new values
  await page.input('兑换比例', '0.5');
  await page.tap('次 2 年底');
  await page.tap('关闭（只兑荣誉）');
  await page.tap('保存');
  await page.waitFor(() => saves().length === 1, 3000, 'setSettings');
  expect(page.modals.at(-1)).toMatchObject({ title: '关闭实物兑换？' });
  expect(saves()[0].data).toEqual({ districtId: 'd1', ratio: 0.5, validYears: 2, materialOff: true });
  await page.waitFor(() => page.toasts.includes('已保存'), 3000, 'toast 已保存');
  expect(page.text()).not.toContain('兑换比例须在');
});
