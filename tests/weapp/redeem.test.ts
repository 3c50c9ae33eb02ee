/** The compiled 积分商城 page renders both balances and the catalogue from the redeem function, and says why an item cannot be taken. */
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
