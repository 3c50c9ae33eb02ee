/** weapp privacy flow: WeChat asks → our popup → 同意 answers WeChat and records consent on the server. */
import type { Whoami } from '../../core/contracts/member';
import { renderPage, resetRecorded, triggerPrivacyAuthorization } from './harness';

const newcomer: Whoami = { openid: 'oNew…0001', profile: null, grants: [], report: null, unit: null, privacyAccepted: false, unreadInbox: 0 };

test('the popup opens when WeChat needs authorization, and agreeing resolves it with our button id', async () => {
  const page = await renderPage('pages/mine/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: newcomer };
      if (name === 'member' && action === 'consentPrivacy') return { ok: true, data: { privacyAccepted: true } };
      throw new Error(`unexpected call ${name}.${action}`);
    },
  });
  await page.waitForText('未完善个人信息');
  expect(page.text()).not.toContain('个人信息保护提示');

  const answered = triggerPrivacyAuthorization('getLocation');
  await page.waitForText('个人信息保护提示');
  expect(page.text()).toContain('《双报到隐私保护指引》');

  await page.fire('同意并继续', 'agreeprivacyauthorization');
  await expect(answered).resolves.toEqual({ event: 'agree', buttonId: 'sbd-privacy-agree' });
  await page.waitForNoText('个人信息保护提示');
  await page.waitFor(() => page.calls.some((c) => c.action === 'consentPrivacy'), 3000, 'consentPrivacy call');
  expect(page.calls.find((c) => c.action === 'consentPrivacy')?.data).toEqual({ version: '1' });
});

test('不同意 answers disagree and closes the popup', async () => {
  resetRecorded();
  const page = await renderPage('pages/index/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: newcomer };
      if (name === 'member' && action === 'inbox') return { ok: true, data: { items: [], total: 0, page: 1, pageSize: 3, unread: 0 } };
      throw new Error(`unexpected call ${name}.${action}`);
    },
  });
  await page.waitForText('到社区报到');
  const answered = triggerPrivacyAuthorization();
  await page.waitForText('个人信息保护提示');
  await page.tap('不同意');
  await expect(answered).resolves.toEqual({ event: 'disagree' });
  await page.waitForNoText('个人信息保护提示');
  expect(page.calls.some((c) => c.action === 'consentPrivacy')).toBe(false);
});
