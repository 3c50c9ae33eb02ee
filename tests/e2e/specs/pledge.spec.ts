/**
 * 承诺践诺 end to end on h5: a member pledges → the community admin returns it with a reason → the
 * member edits and resubmits → approved (公示) → two environment tasks are confirmed → progress
 * reaches 100 % → year-end review → the points appear in the member's history.
 * The tasks last a few seconds (made through the API, attendance recorded by the admin); they are
 * made a minute ahead and then moved into the past by the e2e clock (`shiftTimes`), so nothing waits.
 */
import type { Page } from 'playwright-core';
import { answerConsent, assert, callAs, openAs, screenshot, shiftTimes, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const MEMBER = 'demo-member-5'; // 东湖社区, approved (scripts/seed/data.ts)

/** Two short environment tasks the member attends; confirmed by the admin once they end. */
async function attendTwoTasks(): Promise<void> {
  const ahead = Date.now() + 60_000;
  const length = 4000;
  const ids: string[] = [];
  for (const n of [1, 2]) {
    const t = await callAs(ADMIN, 'task', 'saveTask', {
      requestId: `e2e-pledge-${Date.now()}-${n}`, communityId: 'comm-1', title: `e2e 环境整治 ${n}`, description: '承诺进度测试', category: 'environment',
      startAt: new Date(ahead).toISOString(), endAt: new Date(ahead + length).toISOString(), signupDeadline: new Date(ahead).toISOString(),
      place: { name: '东湖社区广场', lat: 30.6571, lng: 104.0806, radius: null }, slots: 5,
    });
    await callAs(ADMIN, 'task', 'publish', { id: t.task.id });
    ids.push(t.task.id);
  }
  // both tasks ended 300 ms ago
  const endAt = Date.now() - 300;
  const startAt = endAt - length;
  for (const id of ids) assert(shiftTimes('tasks', { _id: id }, endAt - (ahead + length), ['startAt', 'endAt', 'signupDeadline']) === 1, `task ${id} not moved`);
  for (const id of ids) {
    await callAs(ADMIN, 'task', 'recordAttendance', { taskId: id, openid: MEMBER, signInAt: new Date(startAt).toISOString(), signOutAt: new Date(endAt).toISOString(), reason: '现场登记' });
    await callAs(ADMIN, 'task', 'confirmAttendance', { taskId: id, acceptMissingSignOut: true });
  }
}

async function fill(page: Page, selector: string, value: string) {
  const el = page.locator(selector).filter({ visible: true }).first();
  await el.fill(value);
}

/** Wait until no visible card mentions `text` (the list reloaded without it). */
async function gone(page: Page, text: string) {
  await page.waitForFunction(
    (t) => !Array.from(document.querySelectorAll('.sbd-card')).some((e) => (e as HTMLElement).offsetParent !== null && (e.textContent ?? '').includes(t)),
    text,
    { timeout: 8000 },
  );
}

async function pick(page: Page, name: string) {
  await page.locator('.sbd-card', { hasText: name }).filter({ visible: true }).first().locator('.svc-check').click();
}

test('pledge → returned with a reason → edited → approved → tasks confirmed → 100 % → year-end review → points', async () => {
  const member = await openAs(MEMBER, '/pledge/mine/index');
  await waitForText(member, '今年还没有承诺');
  await screenshot(member, 'pledge-mine-empty');
  await tapText(member, '新建承诺');
  await waitForText(member, '目标类型');
  await fill(member, 'textarea', '多参加活动');
  await fill(member, 'input[type="number"]', '2');
  await screenshot(member, 'pledge-edit');
  await tapText(member, '提交社区审核');
  // consent for the result and reminders is asked at the submit tap, once per pledge form
  await answerConsent(member, { names: '承诺审核结果', allow: true, openid: MEMBER, template: 'local-tpl-pledge', shot: 'pledge-consent' });
  await waitForText(member, '等待社区审核');
  await screenshot(member, 'pledge-mine-submitted');

  const admin = await openAs(ADMIN, '/admin-service/pledges/index?scopeId=comm-1');
  await waitForText(admin, '多参加活动');
  await pick(admin, '多参加活动');
  await tapText(admin, '退回修改');
  await fill(admin, 'textarea', '内容不具体：请写明参加什么服务');
  await screenshot(admin, 'pledge-admin-return');
  await tapText(admin, '确认退回');
  await gone(admin, '多参加活动');

  await member.reload();
  await waitForText(member, '退回原因：内容不具体：请写明参加什么服务');
  await screenshot(member, 'pledge-mine-returned');
  await tapText(member, '修改后重新提交');
  await waitForText(member, '目标类型');
  await member.locator('textarea').filter({ visible: true }).first().waitFor();
  await member.waitForFunction(() => Array.from(document.querySelectorAll('textarea')).some((t) => (t as HTMLTextAreaElement).value === '多参加活动'));
  await fill(member, 'textarea', '参加小区环境整治 2 次');
  await tapText(member, '提交社区审核');
  await answerConsent(member, { names: '承诺审核结果', allow: false });
  await waitForText(member, '参加小区环境整治 2 次');

  await admin.reload();
  await waitForText(admin, '参加小区环境整治 2 次');
  await pick(admin, '参加小区环境整治 2 次');
  await tapText(admin, '通过并公示');
  await gone(admin, '参加小区环境整治 2 次');

  await attendTwoTasks();

  await member.reload();
  await waitForText(member, '2/2 次 · 100%');
  await waitForText(member, '待评诺');
  await screenshot(member, 'pledge-mine-progress');

  const wall = await openAs('demo-member-16', '/pledge/wall/index');
  await waitForText(wall, '参加小区环境整治 2 次');
  await screenshot(wall, 'pledge-wall');

  await admin.reload();
  await tapText(admin, /^待评诺/);
  await waitForText(admin, '2/2 次 · 100%');
  await pick(admin, '参加小区环境整治 2 次');
  await screenshot(admin, 'pledge-admin-review');
  await tapText(admin, '提交评诺');
  // the seed keeps another pledge waiting (pledge-eval's): the reviewed one leaves the list
  await gone(admin, '参加小区环境整治 2 次');

  await member.reload();
  await waitForText(member, '评诺：已践诺，积分 +5');
  await screenshot(member, 'pledge-mine-fulfilled');
  const points = await openAs(MEMBER, '/pages/points/index');
  await tapText(points, '积分明细');
  await waitForText(points, '承诺践诺通过', 20_000);
  await screenshot(points, 'pledge-points');
  for (const p of [member, admin, wall, points]) assert(p.errors.length === 0, `page errors: ${p.errors.join('; ')}`);
});
