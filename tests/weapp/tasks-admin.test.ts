/** The compiled admin task pages: the live sign-in code screen and the attendance confirmation. */
import { renderPage } from './harness';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const task = (extra: Record<string, unknown> = {}) => ({
  id: 't1', communityId: 'comm-1', communityName: '东湖社区', title: '楼道杂物清理行动', category: 'environment',
  startAt: '2026-12-01T01:00:00.000Z', endAt: '2026-12-01T03:00:00.000Z', placeName: '3 栋楼道', slots: 4, signed: 3, waitlisted: 0,
  status: 'published', phase: 'ended', audience: 'community', mine: null, description: '', place: { name: '3 栋楼道', lat: 30.6, lng: 104.1, radius: null },
  signupDeadline: '2026-12-01T00:00:00.000Z', ruleId: null, skills: [], source: null, cancelReason: null,
  can: { signup: false, cancelSignup: false, signIn: false, signOut: false, manage: true }, signInOpensAt: '2026-12-01T00:30:00.000Z', subscribeTemplateId: null, ...extra,
});
const row = (openid: string, name: string, extra: Record<string, unknown> = {}) => ({
  openid, name, phone: '138****1234', status: 'signed', position: null, signInAt: null, signOutAt: null, minutes: null, missingSignOut: false, byAdmin: false, confirmed: false, ...extra,
});

test('sign-in screen shows the server-minted QR code and its text', async () => {
  const page = await renderPage('admin-community/task-signin/index', { id: 't1' }, {
    cloud: (name, { action }) => {
      if (name === 'task' && action === 'getTask') return { ok: true, data: { task: task({ phase: 'in_progress' }) } };
      if (name === 'task' && action === 'signinCode') {
        return { ok: true, data: { code: 'SBD1.t1.59000000.0123456789abcdef', dataUrl: PNG, refreshAt: new Date(Date.now() + 30_000).toISOString(), stepSeconds: 30 } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('SBD1.t1.59000000.0123456789abcdef');
  await page.waitForText(/请党员用小程序扫码签到 \/ 签退 · (2\d|30) 秒后刷新/);
  await page.waitForText('楼道杂物清理行动');
  expect(page.calls.filter((c) => c.action === 'signinCode')).toHaveLength(1);
  // simulate's DOM leaves out attributes; the page data Taro sends to the view holds the image src
  expect(JSON.stringify(page.instance.data)).toContain(PNG);
  page.unmount();
});

test('attendance: flags a missing sign-out and confirms after asking', async () => {
  let finished = false;
  const page = await renderPage('admin-community/task-attendance/index', { id: 't1' }, {
    cloud: (name, { action, data }) => {
      if (name !== 'task') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'attendance') {
        const rows = [
          row('a', '张伟', { signInAt: '2026-12-01T00:55:00.000Z', signOutAt: '2026-12-01T03:05:00.000Z', minutes: 120, confirmed: finished }),
          row('b', '李娜', { signInAt: '2026-12-01T01:10:00.000Z', missingSignOut: !finished, confirmed: finished, minutes: finished ? 0 : null }),
          row('c', '王强', { confirmed: finished }),
        ];
        return { ok: true, data: { task: task(finished ? { status: 'finished', phase: 'finished' } : {}), rows, missingSignOut: finished ? 0 : 1 } };
      }
      if (action === 'confirmAttendance') {
        expect(data).toEqual({ taskId: 't1', acceptMissingSignOut: true });
        finished = true;
        return { ok: true, data: { attended: 2, noshow: 1, totalMinutes: 120, alreadyConfirmed: false } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('报名名单（3）');
  expect(page.text()).toContain('未签退');
  expect(page.text()).toContain('签到 08:55 · 签退 11:05 · 2 小时');
  expect(page.text()).toContain('未签到');
  await page.tap('确认考勤并发放积分');
  await page.waitForText('考勤已确认');
  expect(page.modals[0].content).toContain('未签退（按 0 分钟记录，不计分）：李娜');
  expect(page.calls.filter((c) => c.action === 'confirmAttendance')).toHaveLength(1);
});
