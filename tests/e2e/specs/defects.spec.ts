/**
 * issue 11 defects on h5 at 375×812: a double tap on 保存草稿 creates one task (1); the 代为报名
 * search box is usable and lists only members not yet signed up (5).
 */
import { assert, callAs, openAs, screenshot, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const PHONE = { width: 375, height: 812 };

test('double tap on 保存草稿 (400 ms apart) creates one task and the buttons stay disabled', async () => {
  const title = `e2e 双击 ${String(Date.now()).slice(-6)}`;
  const page = await openAs(ADMIN, '/admin-community/task-edit/index?communityId=comm-1', { viewport: PHONE });
  await waitForText(page, '基本信息');
  await page.locator('input[name="title"]').filter({ visible: true }).fill(title);
  await page.locator('input[name="place"]').filter({ visible: true }).fill('东湖社区党群服务中心');
  const button = page.getByText('保存草稿', { exact: true }).filter({ visible: true }).first();
  await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  assert(box, 'no 保存草稿 button');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.click(x, y);
  await page.waitForTimeout(400);
  await page.mouse.click(x, y);
  const draftsNamed = async () => (await callAs(ADMIN, 'task', 'listAdminTasks', { communityId: 'comm-1', status: 'draft', pageSize: 50 })).items.filter((t: { title: string }) => t.title === title).length as number;
  for (let i = 0; i < 40 && (await draftsNamed()) === 0; i++) await page.waitForTimeout(250);
  await page.waitForTimeout(1500); // a second save, if any, lands by now
  const n = await draftsNamed();
  assert(n === 1, `expected one draft, found ${n}`);
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
});

test('代为报名: the search box is usable and an empty search lists only members not signed up', async () => {
  const title = `e2e 代报 ${String(Date.now()).slice(-6)}`;
  const startAt = Date.now() + 3 * 3_600_000;
  const draft = await callAs(ADMIN, 'task', 'saveTask', {
    communityId: 'comm-1', title, description: '代为报名', category: 'environment',
    startAt: new Date(startAt).toISOString(), endAt: new Date(startAt + 3_600_000).toISOString(), signupDeadline: new Date(startAt - 3_600_000).toISOString(),
    place: { name: '东湖社区广场', lat: 30.6571, lng: 104.0806, radius: null }, slots: 20,
  });
  const id = draft.task.id as string;
  await callAs(ADMIN, 'task', 'publish', { id });
  await callAs('demo-member-1', 'task', 'signup', { taskId: id });
  const me = await callAs('demo-member-1', 'member', 'whoami', {});
  const myName = me.profile.name as string;

  const page = await openAs(ADMIN, `/admin-community/task-attendance/index?id=${id}`, { viewport: PHONE });
  await waitForText(page, title);
  await tapText(page, /^代为报名$/);
  const input = page.locator('.sbd-search input').filter({ visible: true }).first();
  await input.waitFor({ state: 'visible', timeout: 8000 });
  const box = await input.boundingBox();
  assert(box && box.width > 150, `search box is ${box?.width ?? 0} px wide`);
  // the empty search ran on opening: candidates listed, the signed-up member not among them
  await page.locator('.sbd-search ~ .sbd-row').first().waitFor({ state: 'visible', timeout: 8000 });
  const listed = await page.locator('.sbd-search ~ .sbd-row').allTextContents();
  assert(listed.length > 0, 'no candidates listed');
  assert(!listed.some((t) => t.startsWith(`${myName} `)), `${myName} is already signed up but listed`);
  assert(listed.every((t) => !/\d{11}/.test(t)), `a full phone in the candidate list: ${listed.join(' | ')}`);
  await screenshot(page, 'defects-proxy-signup');
  await input.fill(myName);
  await input.press('Enter');
  await waitForText(page, '没有找到未报名的党员');
  await screenshot(page, 'defects-proxy-signup-none');
  assert(page.errors.length === 0, `page errors: ${page.errors.join('; ')}`);
});
