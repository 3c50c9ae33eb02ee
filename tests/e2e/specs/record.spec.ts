/**
 * 记实档案 on h5 against the seeded stack (375×812): the unit admin opens a member's record and
 * exports the unit's xlsx (the download arrives); the member opens 我的档案 and requests a 服务证明;
 * the community admin issues it; the verification page shows it valid; after revocation, revoked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assert, openAs, ROOT, screenshot, tapText, test, waitForText } from '../harness';

const viewport = { width: 375, height: 812 };

test('unit admin opens a member\'s record and exports xlsx', async () => {
  const unit = await openAs('demo-unit-1', '/admin-unit/members/index', { viewport });
  await tapText(unit, '已报到');
  await waitForText(unit, '张伟', 20000);
  await unit.getByText('记实档案').first().click();
  await waitForText(unit, /共 \d+ 条记录/, 15000);
  await waitForText(unit, '锦华区税务局');
  await screenshot(unit, 'record-unit-member');
  // 申请社区出具意见 for this member: the purpose is required, its error stands next to the field
  await tapText(unit, '申请 ›');
  await tapText(unit, '提交申请');
  await waitForText(unit, '请填写用途（至少 2 个字）');
  await screenshot(unit, 'record-opinion-form-error');
  await unit.locator('textarea').filter({ visible: true }).first().fill('拟提拔考察');
  await tapText(unit, '提交申请');
  await waitForText(unit, '已申请，社区将在 7 天内出具', 15000);
  await screenshot(unit, 'record-opinion-requested');

  await unit.goto(unit.url().replace(/#.*$/, '#/record/export/index'));
  await waitForText(unit, '导出本单位已确认党员的记实档案');
  const download = unit.waitForEvent('download', { timeout: 30000 });
  await tapText(unit, '生成并下载');
  const file = await download;
  assert(file.suggestedFilename().endsWith('.xlsx'), `download name ${file.suggestedFilename()}`);
  const saved = path.join(ROOT, 'artifacts', 'record-export.xlsx');
  await file.saveAs(saved);
  assert(fs.statSync(saved).size > 2000, 'xlsx is not empty');
  await waitForText(unit, /已生成：.*\.xlsx/);
  await screenshot(unit, 'record-export-unit');
  assert(unit.errors.length === 0, `page errors: ${unit.errors.join('; ')}`);
});

test('member requests a certificate → community issues → verify valid → revoke → verify revoked', async () => {
  const member = await openAs('demo-member-1', '/pages/mine/index', { viewport });
  await tapText(member, '我的档案');
  await waitForText(member, /共 \d+ 条记录/, 15000);
  await waitForText(member, '报到 东湖社区');
  await screenshot(member, 'record-mine');
  await member.goto(member.url().replace(/#.*$/, '#/record/certificate/index'));
  await waitForText(member, '申请服务证明');
  await tapText(member, '提交申请');
  await waitForText(member, '待出具');
  await screenshot(member, 'record-certificate-requested');

  const admin = await openAs('demo-community-1', '/record/certificates/index', { viewport });
  await waitForText(admin, '张伟');
  await tapText(admin, '一键出具');
  await tapText(admin, /^出具$/);
  await tapText(admin, '已出具');
  await waitForText(admin, /编号 ZM-COMM1-\d{4}-\d{6}/, 30000);
  const number = (await admin.getByText(/编号 ZM-COMM1-/).first().textContent())!.replace('编号 ', '').trim();
  await screenshot(admin, 'record-certificate-issued');

  await member.goto(member.url().replace(/#.*$/, `#/pages/verify/index?no=${number}`));
  await waitForText(member, '有效', 15000);
  await waitForText(member, '张伟');
  await screenshot(member, 'record-verify-valid');

  await tapText(admin, /^撤销$/);
  await admin.locator('textarea').first().fill('服务时长登记有误');
  await tapText(admin, '确认撤销');
  await tapText(admin, /^撤销$/);
  await waitForText(admin, '已撤销');

  await member.reload();
  await waitForText(member, '已撤销', 15000);
  await waitForText(member, '服务时长登记有误');
  await screenshot(member, 'record-verify-revoked');
  assert(member.errors.length === 0, `page errors: ${member.errors.join('; ')}`);
  assert(admin.errors.length === 0, `page errors: ${admin.errors.join('; ')}`);
});

test('member rates a served task and shows the code; a resident confirms with one tap; the record says 居民已确认', async () => {
  const member = await openAs('demo-member-1', '/record/timeline/index', { viewport });
  await waitForText(member, /共 \d+ 条记录/, 15000);
  await tapText(member, '评价任务 · 请居民确认 ›');
  await waitForText(member, '评价这次任务', 15000);
  await waitForText(member, /确认码 \S+/, 15000);
  await member.getByText('★★★★', { exact: true }).click();
  await member.locator('textarea').fill('组织有序，分工明确');
  await tapText(member, '提交评价');
  await waitForText(member, '组织有序，分工明确', 15000);
  await screenshot(member, 'eval-task-rated-code');
  const code = (await member.getByText(/确认码 /).first().textContent())!.replace('确认码', '').trim();

  const resident = await openAs('resident-demo-1', `/record/resident/index?rc=${encodeURIComponent(code)}`, { viewport });
  await waitForText(resident, '请确认这次服务', 15000);
  await waitForText(resident, /服务党员：张同志/);
  await screenshot(resident, 'resident-confirm-before');
  await tapText(resident, /^确认$/);
  await waitForText(resident, '确认成功，感谢您的反馈！', 15000);
  await screenshot(resident, 'resident-confirm-done');

  await tapText(member, '刷新确认状态');
  await waitForText(member, '居民已确认', 15000);
  for (const p of [member, resident]) assert(p.errors.length === 0, `page errors: ${p.errors.join('; ')}`);
});
