/**
 * Tasks end to end on h5, against the real gateway and seeded emulator: the community admin
 * publishes a task, a member signs up, signs in with the code read off the admin's live sign-in
 * screen, signs out after the end, the admin confirms attendance, and the hours appear in the
 * member's service history. No real waiting: the task starts in 10 minutes (sign-in opens 30 minutes
 * before), and once the member has signed in, the e2e clock (`shiftTimes`) moves the task and the
 * sign-in 11 minutes into the past, so the 61-second task has just ended when the member signs out.
 */
import type { Page } from 'playwright-core';
import { assert, callAs, openAs, screenshot, shiftTimes, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const MEMBER = 'demo-member-1';

async function readCode(page: Page): Promise<string> {
  const el = page.locator('.signin-code').filter({ visible: true }).first();
  await el.waitFor({ state: 'visible', timeout: 10_000 });
  const text = ((await el.textContent()) ?? '').trim();
  assert(/^SBD1\.[\w-]+\.\d+\.[0-9a-f]{16}$/.test(text), `unexpected code text: ${text}`);
  return text;
}

async function paste(page: Page, code: string, button: string) {
  const input = page.locator('input[placeholder*="粘贴"]').filter({ visible: true }).first();
  await input.fill(code);
  await tapText(page, button);
}

test('publish → signup → sign in with the on-screen code → sign out → confirm → hours in history', async () => {
  const title = `e2e 楼道清理 ${String(Date.now()).slice(-5)}`;
  const startAt = Date.now() + 10 * 60_000;
  const endAt = startAt + 61_000;
  // the draft comes from the API so its times can be seconds away; publishing happens in the UI
  const draft = await callAs(ADMIN, 'task', 'saveTask', {
    communityId: 'comm-1', title, description: '端到端测试任务', category: 'environment',
    startAt: new Date(startAt).toISOString(), endAt: new Date(endAt).toISOString(), signupDeadline: new Date(startAt).toISOString(),
    place: { name: '东湖社区 3 栋楼道', lat: 30.6571, lng: 104.0806, radius: null }, slots: 2,
  });
  const id = draft.task.id as string;

  const admin = await openAs(ADMIN, '/admin-community/tasks/index');
  await waitForText(admin, '发布新任务');
  await tapText(admin, /^草稿$/);
  await waitForText(admin, title);
  await admin.locator('.sbd-card', { hasText: title }).getByText('发布', { exact: true }).click();
  await tapText(admin, /^确定$/);
  // published: the list reloads and the task leaves the 草稿 tab
  await admin.waitForFunction(
    (t) => !Array.from(document.querySelectorAll('.sbd-card')).some((e) => (e as HTMLElement).offsetParent !== null && (e.textContent ?? '').includes(t)),
    title,
    { timeout: 8000 },
  );
  const state = await callAs(ADMIN, 'task', 'getTask', { id });
  assert(state.task.status === 'published', `task not published: ${state.task.status}`);
  await screenshot(admin, 'tasks-admin-published');

  const member = await openAs(MEMBER, `/pages/task-detail/index?id=${id}`);
  await waitForText(member, title);
  await tapText(member, '我要报名');
  // the sign-up tap asks consent for notices first (h5 stand-in of requestSubscribeMessage)
  await member.locator('.taro-modal__foot').getByText('拒绝', { exact: true }).click({ timeout: 4000 }).catch(() => undefined);
  await waitForText(member, '取消报名');
  await waitForText(member, '现场签到');
  await screenshot(member, 'tasks-member-signed-up');

  const signin = await openAs(ADMIN, `/admin-community/task-signin/index?id=${id}`);
  const code = await readCode(signin);
  await screenshot(signin, 'tasks-admin-signin-code');

  await paste(member, code, '提交签到');
  await waitForText(member, '现场签退');
  await screenshot(member, 'tasks-member-signed-in');

  // the task ends: its window moves to [now − 62 s, now − 1 s] and the sign-in with it (still before the start)
  const ago = Date.now() - 1000 - endAt;
  assert(shiftTimes('tasks', { _id: id }, ago, ['startAt', 'endAt', 'signupDeadline']) === 1, 'task not moved');
  assert(shiftTimes('signups', { taskId: id }, ago, ['signInAt', 'createdAt']) === 1, 'signup not moved');
  // sign out after the end, with the code the admin screen shows then (it renews every 30 s)
  await signin.reload();
  const later = await readCode(signin);
  await paste(member, later, '提交签退');
  await waitForText(member, /签退成功|已签退/);

  const att = await openAs(ADMIN, `/admin-community/task-attendance/index?id=${id}`);
  await waitForText(att, '确认考勤并发放积分');
  await tapText(att, '确认考勤并发放积分');
  await tapText(att, /^确定$/);
  await waitForText(att, '考勤已确认');
  await screenshot(att, 'tasks-admin-confirmed');

  const history = await openAs(MEMBER, '/pages/history/index');
  await waitForText(history, title);
  const card = history.locator('.sbd-card', { hasText: title });
  await card.getByText('1 分钟').first().waitFor({ state: 'visible', timeout: 8000 });
  await screenshot(history, 'tasks-member-history');
  for (const p of [admin, member, signin, att, history]) assert(p.errors.length === 0, `page errors: ${p.errors.join('; ')}`);
});
