/**
 * 积分 on h5 against the seeded stack: a member sees points, rank, ranking and history with
 * reasons; the community admin adjusts the member's points with a reason (after confirming) and
 * the member sees the new entry.
 */
import { assert, expectNoText, openAs, screenshot, tapText, test, waitForText } from '../harness';

test('member sees points, ranking and history; admin adjusts and the member sees it', async () => {
  const member = await openAs('demo-member-1', '/pages/points/index');
  await waitForText(member, '年度积分');
  await waitForText(member, /社区排名 · 共 \d+ 人/);
  await waitForText(member, /我在社区排第 \d+ 名/);
  await waitForText(member, '张伟（我）');
  await expectNoText(member, '加载失败');
  await screenshot(member, 'points-ranking-member');
  await tapText(member, '街道');
  await waitForText(member, /我在街道排第 \d+ 名/);
  await tapText(member, '积分明细');
  await waitForText(member, '管理员调整：社区疫苗接种宣传补录');
  await waitForText(member, '冲正更正：重复登记，予以冲正');
  await screenshot(member, 'points-history-member');
  assert(member.errors.length === 0, `page errors: ${member.errors.join('; ')}`);

  const admin = await openAs('demo-community-1', '/admin-community/points-adjust/index');
  await waitForText(admin, '张伟');
  await tapText(admin, '张伟');
  await waitForText(admin, /本年度 \d+ 分/);
  const before = Number((await admin.getByText(/本年度 \d+ 分/).first().textContent())!.match(/本年度 (\d+) 分/)![1]);
  await admin.locator('.sbd-field__input').first().click(); // 分值 (the kit's Field)
  await admin.keyboard.type('2');
  await admin.locator('textarea').first().fill('参与社区夜间巡逻');
  await tapText(admin, '提交调整');
  await waitForText(admin, '确认加 2 分？');
  await screenshot(admin, 'points-adjust-confirm');
  await tapText(admin, /^确定$/);
  await waitForText(admin, `本年度 ${before + 2} 分`);
  await waitForText(admin, '管理员调整：参与社区夜间巡逻');
  await screenshot(admin, 'points-adjust-admin');
  assert(admin.errors.length === 0, `page errors: ${admin.errors.join('; ')}`);

  await member.reload();
  await waitForText(member, '年度积分');
  await tapText(member, '积分明细');
  await waitForText(member, '管理员调整：参与社区夜间巡逻');
});
