/**
 * 微心愿 end to end on h5: the community admin registers a wish → a member claims it and a colleague
 * joins through the invite link → delivery with a photo (uploaded to the local cloud storage) → the
 * beneficiary's side enters the receipt code → the admin confirms → points for each member.
 */
import type { Page } from 'playwright-core';
import { answerConsent, assert, callAs, openAs, screenshot, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const LEADER = 'demo-member-1'; // 张伟, 东湖社区, 锦华区税务局
const COLLEAGUE = 'demo-member-16'; // 东湖社区, 锦华区税务局
const GRID = 'demo-member-21'; // stands in for the beneficiary / grid worker entering the code

// a 2×2 PNG
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVQI12P8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

async function fillByPlaceholder(page: Page, placeholder: string, value: string) {
  await page.locator(`input[placeholder*="${placeholder}"], textarea[placeholder*="${placeholder}"]`).filter({ visible: true }).first().fill(value);
}

async function wishPoints(openid: string): Promise<number> {
  const h = await callAs(openid, 'points', 'history', { page: 1, pageSize: 20 });
  return h.items.filter((e: any) => e.cause === 'wish').reduce((s: number, e: any) => s + e.amount, 0);
}

test('wish created → claimed by a group → photo → receipt code → confirmed → points for each member', async () => {
  const title = `助行器 ${String(Date.now()).slice(-4)}`;
  const admin = await openAs(ADMIN, '/admin-service/wish-edit/index?communityId=comm-1');
  await waitForText(admin, '受助人（仅社区和认领党员可见）');
  await fillByPlaceholder(admin, '带座椅的助行器', title);
  await fillByPlaceholder(admin, '独居老人、困难家庭儿童', '独居老人');
  const name = admin.locator('.sbd-card', { hasText: '受助人（仅社区' }).locator('input').first();
  await name.fill('李秀英');
  await screenshot(admin, 'wish-admin-create');
  await tapText(admin, '发布到心愿墙');
  await admin.waitForFunction(() => !location.hash.includes('wish-edit'), undefined, { timeout: 8000 }).catch(() => undefined);
  const list = await callAs(ADMIN, 'wish', 'adminList', { communityId: 'comm-1', status: 'open' });
  const id = list.items.find((w: any) => w.title === title)?.id as string;
  assert(id, 'wish not created');

  const leader = await openAs(LEADER, '/wish/wall/index');
  await waitForText(leader, title);
  await screenshot(leader, 'wish-wall');
  await leader.locator('.sbd-card', { hasText: title }).first().click();
  await waitForText(leader, '我来认领');
  await tapText(leader, '我来认领');
  await tapText(leader, /^认领$/);
  await answerConsent(leader, { names: '心愿认领进展', allow: true, openid: LEADER, template: 'local-tpl-wish', shot: 'wish-consent' });
  await waitForText(leader, '受助人信息');
  await waitForText(leader, '李秀英');
  const invite = /邀请码\s*([0-9A-F]{6})/.exec((await leader.locator('body').innerText()))?.[1];
  assert(invite, 'no invite code shown');
  await screenshot(leader, 'wish-claimed');

  // another member sees neither the beneficiary nor (masked) more than the surname
  const other = await openAs('demo-member-23', `/wish/detail/index?id=${id}`);
  await waitForText(other, title);
  assert(!(await other.locator('body').innerText()).includes('李秀英'), 'beneficiary leaked to another member');

  const colleague = await openAs(COLLEAGUE, `/wish/detail/index?id=${id}&invite=${invite}`);
  await waitForText(colleague, '加入一起认领');
  await tapText(colleague, '加入一起认领');
  await answerConsent(colleague, { names: '心愿认领进展', allow: false });
  await waitForText(colleague, '我的认领');
  await waitForText(colleague, '张伟（发起）');
  await screenshot(colleague, 'wish-joined');

  await leader.reload();
  await waitForText(leader, '送达心愿');
  const chooser = leader.waitForEvent('filechooser');
  await tapText(leader, '+ 照片');
  await (await chooser).setFiles({ name: 'delivery.png', mimeType: 'image/png', buffer: PNG });
  await leader.locator('.svc-photos .svc-photo').first().waitFor({ state: 'visible', timeout: 10_000 });
  await fillByPlaceholder(leader, '送到家中', '已送到家中，老人试用合适');
  await screenshot(leader, 'wish-deliver');
  await tapText(leader, '提交送达');
  const code = (await leader.locator('.svc-code').filter({ visible: true }).first().textContent({ timeout: 10_000 }))?.trim() ?? '';
  assert(/^\d{6}$/.test(code), `no receipt code: ${code}`);
  await screenshot(leader, 'wish-receipt-code');

  const grid = await openAs(GRID, `/wish/detail/index?id=${id}`);
  await waitForText(grid, '我是受助居民 / 网格员');
  await grid.locator('input[placeholder*="6 位确认码"]').fill(code);
  await tapText(grid, '确认收到');
  await waitForText(grid, /已确认收到/);
  assert(!(await grid.locator('body').innerText()).includes('张伟'), 'donor name in full on the beneficiary side');
  await screenshot(grid, 'wish-receipt-entered');

  const before = [await wishPoints(LEADER), await wishPoints(COLLEAGUE)];
  const manage = await openAs(ADMIN, '/admin-service/wishes/index?communityId=comm-1');
  await waitForText(manage, title);
  const card = manage.locator('.sbd-card', { hasText: title }).first();
  await card.getByText('确认实现并发放积分').click();
  await tapText(manage, /^确定$/);
  await manage.locator('.sbd-card', { hasText: title }).getByText('已实现').first().waitFor({ state: 'visible', timeout: 10_000 });
  await screenshot(manage, 'wish-admin-confirmed');
  const after = [await wishPoints(LEADER), await wishPoints(COLLEAGUE)];
  assert(after[0] - before[0] === 5 && after[1] - before[1] === 5, `points for each member: ${before} → ${after}`);
  // confirming again pays nothing more
  await callAs(ADMIN, 'wish', 'confirm', { id });
  assert((await wishPoints(LEADER)) === after[0], 'second confirmation paid again');

  const mine = await openAs(COLLEAGUE, '/wish/wall/index?tab=mine');
  await waitForText(mine, title);
  await waitForText(mine, /积分 \+5/);
  await screenshot(mine, 'wish-my-claims');
  for (const p of [admin, leader, other, colleague, grid, manage, mine]) assert(p.errors.length === 0, `page errors: ${p.errors.join('; ')}`);
});
