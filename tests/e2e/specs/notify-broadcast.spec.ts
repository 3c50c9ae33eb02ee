/**
 * 群发 on h5: the community admin opens 群发通知 from the workbench, writes a notice, confirms, and
 * it lands in a reported member's 我的消息; the log shows it with the number of recipients and the
 * day's remaining count. What was typed survives a reload of the page (a draft, with a hint) until it is sent.
 */
import { assert, openAs, screenshot, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const MEMBER = 'demo-member-1'; // reported to 东湖社区

test('admin 群发 → confirmed → logged → in the member\'s inbox', async () => {
  const title = `周六楼道清洁 ${Date.now() % 10000}`;
  const home = await openAs(ADMIN, '/admin-community/index/index');
  await waitForText(home, '群发通知', 15000);
  await tapText(home, '群发通知');
  await waitForText(home, '群发记录');
  await waitForText(home, /今天还可群发 \d 次/);
  await home.locator('.sbd-field__input input, input.sbd-field__input').filter({ visible: true }).first().fill(title);
  await home.locator('textarea').filter({ visible: true }).first().fill('本周六上午 9 点在 5 栋楼前集合，请带好手套。');
  // a reload keeps what was typed (written after a pause in typing), and says it was restored
  const draftKey = () => home.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('draft:broadcast:')) ?? null);
  await home.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('draft:broadcast:') && localStorage.getItem(k)!.includes('5 栋楼前')), undefined, { timeout: 5000 });
  await home.reload();
  await waitForText(home, '已恢复未提交的草稿', 15000);
  const box = home.locator('textarea').filter({ visible: true }).first();
  assert((await box.inputValue()) === '本周六上午 9 点在 5 栋楼前集合，请带好手套。', `the reloaded form lost the body: ${await box.inputValue()}`);
  await waitForText(home, /^清空$/);
  // demo users share this browser's storage: the draft is this admin's own
  const key = await draftKey();
  assert(key?.endsWith(`:${ADMIN}`), `the draft is not kept per user: ${key}`);
  await screenshot(home, 'notify-broadcast-draft-restored');
  await tapText(home, /^发送$/);
  await waitForText(home, '发送给本社区全部已报到党员？');
  await home.locator('.taro-modal__foot').getByText('发送', { exact: true }).click();
  const logged = home.locator('.sbd-card', { hasText: title }).filter({ visible: true }).first();
  await logged.waitFor({ timeout: 10000 });
  const line = await logged.innerText();
  assert(/\d+ 人/.test(line), `the log shows no recipient count: ${line}`);
  await waitForText(home, /今天还可群发 [0-2] 次/);
  await screenshot(home, 'notify-broadcast-sent');
  assert((await draftKey()) === null, 'the draft is still stored after sending');

  const inbox = await openAs(MEMBER, '/pages/inbox/index');
  await waitForText(inbox, title, 10000);
  await screenshot(inbox, 'notify-broadcast-inbox');
});
