/** Compiled profile form and unit members page: Chinese validation messages by the field; reminders after a confirm. */
import { renderPage } from './harness';


const me = { openid: 'nc1…', profile: null, grants: [], report: null, unit: null, privacyAccepted: false, unreadInbox: 0 };

test('profile: required fields checked here, formats by the function next to the form; privacy consent before saving', async () => {
  const page = await renderPage('pages/profile/index', {}, {
    cloud: (name, { action, data }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: me };
      if (name === 'member' && action === 'consentPrivacy') return { ok: true, data: { privacyAccepted: true } };
      if (name === 'member' && action === 'saveProfile') {
        // the function validates with the full contract and names the field (functions/_lib/router.ts)
        if (/[<>]/.test(String((data as { name?: string }).name))) {
          return { ok: false, code: 'VALIDATION_FAILED', message: '姓名：只能包含汉字、字母和间隔号', details: [{ path: ['name'], message: '只能包含汉字、字母和间隔号' }] };
        }
        return { ok: true, data: { profile: { ...(data as object), branch: '', category: 'in_service', updatedAt: null } } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('基本信息');
  await page.input('请输入姓名', '<b>李新</b>');
  await page.input('请输入手机号', '23812345678');
  await page.input('如：3 栋', '3 栋');
  await page.tap('保存');
  // every problem at once, each under its own field (issue 11): the missing room and the phone format
  await page.waitForText('请填写房号');
  expect(page.text()).toContain('手机号格式不正确');
  expect(page.calls.some((c) => c.action === 'saveProfile' || c.action === 'consentPrivacy')).toBe(false);

  await page.input('如：2单元501', '501');
  await page.input('请输入手机号', '13912345678');
  await page.tap('保存');
  await page.waitForText('请先阅读并同意《隐私保护指引》');
  expect(page.calls.some((c) => c.action === 'saveProfile')).toBe(false);
  await page.tap('我已阅读并同意');
  await page.tap('保存');
  // what only the function checks comes back by field and is shown under that field
  await page.waitForText('只能包含汉字、字母和间隔号');

  await page.input('请输入姓名', '李新');
  await page.tap('保存');
  await page.waitFor(() => page.calls.filter((c) => c.action === 'saveProfile').length === 2, 3000, 'second saveProfile');
  const order = page.calls.filter((c) => c.action === 'consentPrivacy' || c.action === 'saveProfile').map((c) => c.action);
  expect(order[0]).toBe('consentPrivacy');
  expect(page.calls.filter((c) => c.action === 'saveProfile').pop()?.data).toMatchObject({ name: '李新', phone: '13912345678', building: '3 栋', room: '501', category: 'in_service' });
}, 15000);

test('unit members: unreported list and a confirmed reminder to all', async () => {
  const unitMe = { ...me, grants: [{ role: 'unit', scopeId: 'unit-1', scopeName: '锦华区税务局' }], privacyAccepted: true };
  const member = { openid: 'm9', name: '周九', phone: '13700000009', branch: '机关第一党支部', category: 'in_service', unitStatus: 'verified', reportStatus: null, communityId: null, communityName: null, lastRemindedAt: null };
  const page = await renderPage('admin-unit/members/index', {}, {
    confirmModals: true,
    cloud: (name, { action, data }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: unitMe };
      if (name === 'org' && action === 'coverage') {
        return { ok: true, data: { scope: { id: 'unit-1', kind: 'unit', name: '锦华区税务局' }, summary: { total: 4, reported: 3, rate: 0.75, membersReported: 0, unitsTotal: 1, unitsReported: 0 }, communities: [], units: [{ id: 'unit-1', name: '锦华区税务局', communityId: 'comm-1', communityName: '东湖社区', total: 4, reported: 3, pending: 0, rate: 0.75, unitReportStatus: null }] } };
      }
      if (name === 'org' && action === 'unitMembers') {
        expect(data).toMatchObject({ unitId: 'unit-1', unitStatus: 'verified', reported: false });
        return { ok: true, data: { items: [member], total: 1, page: 1, pageSize: 20 } };
      }
      if (name === 'report' && action === 'remindUnreported') return { ok: true, data: { reminded: 1, skipped: 0 } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('周九');
  expect(page.text()).toContain('75%');
  expect(page.text()).toContain('13700000009');
  await page.tap('一键提醒未报到党员');
  await page.waitFor(() => page.calls.some((c) => c.action === 'remindUnreported'), 3000, 'remind call');
  expect(page.modals.at(-1)?.title).toBe('提醒全部未报到党员？');
  expect(page.calls.find((c) => c.action === 'remindUnreported')?.data).toEqual({ unitId: 'unit-1' });
  await page.waitFor(() => page.toasts.includes('已提醒 1 人'), 3000, 'toast');
});
