/**
 * 积分兑换 end to end on h5: 张伟 opens 积分商城 from the 积分 tab, redeems the last 爱心超市洗衣液 →
 * 我的兑换 shows the QR and the 8 digits → the community admin types the code on 核销 and hands it
 * over → the item is sold out and 张伟's 可兑换分 went down by its price (考核分 unchanged).
 */
import { assert, callAs, getBaseUrl, openAs, screenshot, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const MEMBER = 'demo-member-1'; // 张伟, 东湖社区
const ITEM = '爱心超市洗衣液 2L'; // seeded with 1 left, 8 points

test('member redeems the last piece → shows the code → admin hands it over → stock and balance change', async () => {
  const before = await callAs(MEMBER, 'redeem', 'summary', {});
  assert(before.spendable >= 8, `demo member has ${before.spendable} spendable points`);

  const m = await openAs(MEMBER, '/pages/points/index');
  await waitForText(m, '积分商城');
  await tapText(m, '积分商城');
  // the first call of a function starts its worker (cold start): give it longer than a page change
  await waitForText(m, ITEM, 20_000);
  await waitForText(m, '剩 1 件');
  await screenshot(m, 'redeem-mall');
  await m.locator('.sbd-card', { hasText: ITEM }).getByText('兑换', { exact: true }).click();
  await m.locator('.taro-modal__foot').getByText('兑换', { exact: true }).click();
  await waitForText(m, '到社区领取时出示');
  const digits = (await m.locator('.rd-code__digits').innerText()).replace(/\s/g, '');
  assert(/^[1-9]\d{7}$/.test(digits), `no code shown: ${digits}`);
  assert(await m.locator('.rd-code__img').isVisible(), 'no QR image');
  await screenshot(m, 'redeem-code');

  const a = await openAs(ADMIN, '/admin-redeem/hand-over/index?communityId=comm-1');
  await waitForText(a, '输入党员兑换码');
  await a.locator('input[placeholder="8 位数字"]').filter({ visible: true }).first().fill(digits);
  await tapText(a, /^查询$/);
  await waitForText(a, ITEM);
  await waitForText(a, '张伟');
  await screenshot(a, 'redeem-handover-found');
  await tapText(a, /^确认交付$/);
  await a.locator('.taro-modal__foot').getByText('已交付', { exact: true }).click();
  await waitForText(a, '已领取');
  await screenshot(a, 'redeem-handover-done');

  // a second hand-over of the same code is refused
  const again = await fetch(`${getBaseUrl()}/api/redeem`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': ADMIN }, body: JSON.stringify({ action: 'handOver', data: { code: digits } }) });
  assert(((await again.json()) as any).result?.code === 'ALREADY_HANDED', 'second hand-over not refused');

  const after = await callAs(MEMBER, 'redeem', 'summary', {});
  assert(after.spendable === before.spendable - 8, `spendable ${before.spendable} → ${after.spendable}`);
  assert(after.assessed === before.assessed, '考核分 changed');
  await m.goto(`${getBaseUrl()}/#/redeem/mall/index`);
  await waitForText(m, ITEM);
  await m.locator('.sbd-card', { hasText: ITEM }).getByText('已兑完', { exact: true }).first().waitFor({ timeout: 8000 });
  await waitForText(m, String(after.spendable));
  await screenshot(m, 'redeem-mall-after');
  const mine = await openAs(MEMBER, '/redeem/mine/index');
  await tapText(mine, /^全部$/);
  await waitForText(mine, '已领取');
  await screenshot(mine, 'redeem-mine-handed');
});

test('district settings: the super admin opens 积分兑换设置 from the workbench, sees the current values, a bad ratio is refused next to the field, saves after confirming', async () => {
  const SUPER = 'demo-super';
  const s = await openAs(SUPER, '/admin-street/index/index');
  await waitForText(s, '积分兑换设置', 20_000);
  await tapText(s, /^积分兑换设置$/);
  await waitForText(s, '兑换比例', 20_000);
  await waitForText(s, '积分兑换设置 · 锦华区');
  await waitForText(s, '次年底');
  const ratio = s.locator('.sbd-field', { hasText: '兑换比例' }).locator('input');
  await ratio.fill('12');
  await tapText(s, /^保存$/);
  await waitForText(s, '兑换比例须在 0 到 10 之间');
  await screenshot(s, 'redeem-settings-error');
  await ratio.fill('1');
  await tapText(s, /^次 2 年底$/);
  await tapText(s, /^保存$/);
  await waitForText(s, '保存兑换设置？');
  await s.locator('.taro-modal__foot').getByText('保存', { exact: true }).click();
  await waitForText(s, '已保存');
  const saved = await callAs(SUPER, 'redeem', 'settings', { scopeId: 'dist-1' });
  assert(saved.validYears === 2 && saved.ratio === 1 && saved.materialOff === false, `saved ${JSON.stringify(saved)}`);
  await screenshot(s, 'redeem-settings-saved');
  await callAs(SUPER, 'redeem', 'setSettings', { districtId: 'dist-1', ratio: 1, validYears: 1, materialOff: false });
});
