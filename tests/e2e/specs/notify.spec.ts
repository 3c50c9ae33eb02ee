/**
 * Notifications end to end on h5: a member signs up for a task starting within 2 hours and allows
 * notices at the sign-up tap; the notify timer (fired now, as the gateway's every-minute trigger
 * would) puts the reminder in the inbox; the 我的 tab shows the unread badge; the member opens the
 * message and lands on the task. Screenshots: artifacts/screenshots/notify-*.png
 */
import { people } from '../../../scripts/seed/data';
import { assert, callAs, getBaseUrl, openAs, screenshot, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';

test('sign up + consent → reminder in the inbox with a badge → open it → the task', async () => {
  const member = people().find((p) => p.homeCommunityId === 'comm-1' && p.report === 'approved' && p.openid !== 'demo-member-1');
  assert(member, 'seed has another approved member of 东湖社区');
  const title = `e2e 提醒 清扫 ${String(Date.now()).slice(-5)}`;
  const startAt = Date.now() + 90 * 60_000; // within the 2-hour reminder window
  const draft = await callAs(ADMIN, 'task', 'saveTask', {
    communityId: 'comm-1', title, description: '提醒测试任务', category: 'environment',
    startAt: new Date(startAt).toISOString(), endAt: new Date(startAt + 3_600_000).toISOString(), signupDeadline: new Date(startAt).toISOString(),
    place: { name: '东湖社区 5 栋楼前', lat: 30.6571, lng: 104.0806, radius: null }, slots: 5,
  });
  const id = draft.task.id as string;
  await callAs(ADMIN, 'task', 'publish', { id });

  const m = await openAs(member.openid, `/pages/task-detail/index?id=${id}`);
  await waitForText(m, title);
  await tapText(m, '我要报名');
  await waitForText(m, '接收通知');
  await screenshot(m, 'notify-consent');
  await m.locator('.taro-modal__foot').getByText('允许', { exact: true }).click();
  await waitForText(m, '取消报名');
  const counted = (await fetch(`${getBaseUrl()}/__emulator/subscriptions?openid=${member.openid}`).then((r) => r.text()));
  assert(/local-tpl-task-reminder/.test(counted), `consent not recorded in the open-API emulation: ${counted.slice(0, 200)}`);

  // the timer trigger, fired now (the gateway also fires it every minute)
  const tick = await fetch(`${getBaseUrl()}/__gateway/timer/notify`, { method: 'POST' }).then((r) => r.json()) as { kind: string; result?: { reminders: number } };
  assert(tick.kind === 'ok', `notify timer failed: ${JSON.stringify(tick)}`);
  const box = await callAs(member.openid, 'member', 'inbox', { page: 1, pageSize: 5 });
  const reminder = box.items.find((i: { title: string }) => i.title === `任务提醒：${title}`.slice(0, 40));
  assert(reminder && !reminder.read, `no unread reminder in the inbox: ${JSON.stringify(box.items.map((i: { title: string }) => i.title))}`);

  await m.goto(`${getBaseUrl()}/#/pages/mine/index`);
  await waitForText(m, '我的消息');
  const badge = m.locator('.taro-tabbar-badge').filter({ visible: true }).first();
  await badge.waitFor({ state: 'visible', timeout: 8000 });
  const shown = (await badge.innerText()).trim();
  assert(shown === String(box.unread), `tab badge shows "${shown}", unread is ${box.unread}`);
  await screenshot(m, 'notify-badge');

  await tapText(m, '我的消息');
  await waitForText(m, `任务提醒：${title}`.slice(0, 40));
  await screenshot(m, 'notify-inbox');
  await m.locator('.sbd-card', { hasText: `任务提醒：${title}`.slice(0, 40) }).filter({ visible: true }).first().click();
  await waitForText(m, '取消报名');
  await waitForText(m, '东湖社区 5 栋楼前');
  assert(m.url().includes(`id=${id}`), `landed on ${m.url()}`);
  await screenshot(m, 'notify-landed-task');
  const after = await callAs(member.openid, 'member', 'inbox', { page: 1, pageSize: 5 });
  assert(after.unread === box.unread - 1, `unread ${box.unread} → ${after.unread}, expected one less`);
  assert(m.errors.length === 0, `page errors: ${m.errors.join('; ')}`);
  await m.close();
});
