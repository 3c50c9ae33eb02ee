/**
 * 报到 end to end on h5: a member of 锦华区税务局 (unit-1) who has not reported opens the report link
 * of 东湖社区, reports; the community admin approves; the unit admin's coverage rises by one; with the
 * report timer's tick the member finds 报到已通过 in 消息 and the report's points in 积分.
 * Screenshots: artifacts/screenshots/report-*.png
 */
import type { Page } from 'playwright-core';
import { people } from '../../../scripts/seed/data';
import { answerConsent, assert, getBaseUrl, openAs, screenshot, test, waitForText } from '../harness';

/** "已报到 N/M" from the unit workbench's stats row. */
async function unitReported(page: Page): Promise<{ reported: number; total: number }> {
  await waitForText(page, '报到率');
  const handle = page.locator('.sbd-stats__item', { hasText: '已报到' }).filter({ visible: true }).first();
  await handle.waitFor({ state: 'visible' });
  const text = (await handle.locator('.sbd-stats__num').innerText()).trim();
  const m = /^(\d+)\/(\d+)$/.exec(text);
  assert(m, `unexpected stat text ${text}`);
  return { reported: Number(m[1]), total: Number(m[2]) };
}

test('member reports by link, community approves, unit coverage rises by one', async () => {
  const member = people().find((p) => p.unitId === 'unit-1' && p.unitStatus === 'verified' && p.report === 'none');
  assert(member, 'seed has an unreported verified member of unit-1');

  const unit = await openAs('demo-unit-1', '/admin-unit/index/index');
  const before = await unitReported(unit);
  await screenshot(unit, 'report-unit-before');
  await unit.close();

  // the link a poster's code opens on h5 (scene as in the mini-program code)
  const m = await openAs(member.openid, `/pages/report/index?scene=${encodeURIComponent('c=comm-1')}`);
  await waitForText(m, '东湖社区');
  await waitForText(m, '确认报到');
  await screenshot(m, 'report-member-scan');
  await m.locator('.rf-btn', { hasText: '确认报到' }).filter({ visible: true }).first().click();
  await answerConsent(m, { names: '报到审核结果', allow: false });
  await waitForText(m, '请等待社区审核');
  await waitForText(m, '撤回申请');
  await screenshot(m, 'report-member-pending');
  assert(m.errors.length === 0, `page errors: ${m.errors.join('; ')}`);
  await m.close();

  const admin = await openAs('demo-community-1', '/admin-community/reports/index');
  await waitForText(admin, member.name);
  await screenshot(admin, 'report-admin-pending');
  const card = admin.locator('.sbd-card', { hasText: member.name }).filter({ visible: true }).first();
  await card.getByText('通过', { exact: true }).click();
  await admin.locator('.taro-modal__foot').getByText('通过', { exact: true }).click();
  await admin.locator('.sbd-card', { hasText: member.name }).filter({ visible: true }).first().waitFor({ state: 'detached', timeout: 8000 }).catch(async () => {
    // the list reloads; the card may be replaced rather than detached
    await admin.waitForFunction((name) => !Array.from(document.querySelectorAll('.sbd-card')).some((c) => (c as HTMLElement).offsetParent && c.textContent?.includes(name)), member.name, { timeout: 8000 });
  });
  await screenshot(admin, 'report-admin-approved');
  await admin.close();

  const after = await openAs('demo-unit-1', '/admin-unit/index/index');
  const now = await unitReported(after);
  assert(now.total === before.total, `total changed ${before.total} → ${now.total}`);
  assert(now.reported === before.reported + 1, `reported ${before.reported} → ${now.reported}, expected +1`);
  await screenshot(after, 'report-unit-after');

  const home = await openAs(member.openid, '/pages/index/index');
  await waitForText(home, '东湖社区');
  await waitForText(home, '已报到');
  await screenshot(home, 'report-member-home');

  // the notice and the points follow with the report timer (the gateway fires it every minute; fired now)
  const tick = await fetch(`${getBaseUrl()}/__gateway/timer/report`, { method: 'POST' }).then((r) => r.json()) as { kind: string };
  assert(tick.kind === 'ok', `report timer failed: ${JSON.stringify(tick)}`);
  const inbox = await openAs(member.openid, '/pages/inbox/index');
  await waitForText(inbox, '报到已通过');
  await screenshot(inbox, 'report-member-inbox');
  const points = await openAs(member.openid, '/pages/points/index');
  await waitForText(points, '公示中');
  await points.getByText('积分明细', { exact: true }).filter({ visible: true }).first().click();
  await waitForText(points, '社区报到审核通过');
  await screenshot(points, 'report-member-points');
});

test('an unknown scene shows a clear message', async () => {
  const page = await openAs('demo-member-1', '/pages/report/index?scene=bogus');
  await waitForText(page, '无法识别的报到码');
  await waitForText(page, '报到记录');
});

/** Every report page renders real seeded data on h5 without errors (and leaves a screenshot). */
const PAGES: Array<{ who: string; route: string; expect: string | RegExp; shot: string }> = [
  { who: 'demo-community-1', route: '/admin-community/index/index', expect: '待审核报到', shot: 'report-community-home' },
  { who: 'demo-community-1', route: '/admin-community/roster/index', expect: '张伟', shot: 'report-roster' },
  { who: 'demo-community-1', route: '/admin-community/poster/index', expect: '在职党员到社区报到', shot: 'report-poster' },
  { who: 'demo-community-1', route: '/admin-community/unit-reports/index', expect: '暂无待审核的单位报到', shot: 'report-unit-reports' },
  { who: 'demo-unit-1', route: '/admin-unit/members/index', expect: '一键提醒未报到党员', shot: 'report-unit-members' },
  { who: 'demo-unit-1', route: '/admin-unit/report/index', expect: '资源清单', shot: 'report-unit-report-form' },
  { who: 'demo-street-1', route: '/admin-street/index/index', expect: '各单位报到率', shot: 'report-street-home' },
  { who: 'demo-street-1', route: '/admin-street/admins/index', expect: '辖区内管理员', shot: 'report-street-admins' },
  { who: 'demo-member-1', route: '/pages/profile/index', expect: '居住地址', shot: 'report-profile' },
  { who: 'demo-member-1', route: '/pages/join-unit/index', expect: '锦华区税务局', shot: 'report-join-unit' },
  { who: 'demo-member-1', route: '/pages/inbox/index', expect: /暂无消息|全部标为已读/, shot: 'report-inbox' },
  { who: 'demo-member-1', route: '/pages/report/index', expect: '报到记录', shot: 'report-member-history' },
];

test('report pages render with seeded data', async () => {
  for (const p of PAGES) {
    const page = await openAs(p.who, p.route);
    await waitForText(page, p.expect);
    await page.waitForFunction(() => !document.querySelector('.sbd-skeleton'), undefined, { timeout: 8000 }).catch(() => undefined);
    const body = await page.locator('body').innerText();
    assert(!/加载失败|undefined|NaN|\[object Object\]/.test(body), `${p.route}: ${body.slice(0, 200)}`);
    assert(page.errors.length === 0, `page errors on ${p.route}: ${page.errors.join('; ')}`);
    await screenshot(page, p.shot);
    await page.close();
  }
});
