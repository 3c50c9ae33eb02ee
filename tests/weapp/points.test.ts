/** The compiled 积分 tab page renders balance, ranking (with scope tabs) and history from the points function. */
import { renderPage } from './harness';

const now = new Date('2026-06-01T02:00:00Z').toISOString();
const rule = {
  report: 10, attendance: 5, perHour: 2, pledge: 5, pledgePartly: 2, wish: 5, pledgeMax: 3, noshow: -5,
  dailyCap: 30, yearlyCap: 1000, minMinutes: 1, gongshiDays: 5, objectionDays: 5, reviewAbove: 20,
};
const rulesAnswer = (canEdit: boolean, version = 0) => ({ ok: true, data: { scopeId: 'c1', scopeKind: 'community', scopeName: '和平社区', rule, source: version ? 'own' : 'default', ruleId: version ? `c1:v${version}` : 'default', version, versions: [], canEdit } });
const entry = (id: string, amount: number, title: string, extra: Record<string, unknown> = {}) => ({
  id, year: 2026, amount, minutes: 0, cause: 'adjust', title, reason: null, sourceId: id, reverses: null, reversed: false, ruleId: null, ruleVersion: null, at: now, createdAt: now, ...extra,
});

test('points page: summary, community ranking, switching scope and history', async () => {
  const page = await renderPage('pages/points/index', {}, {
    cloud: (name, { action, data }) => {
      if (name !== 'points') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      const d = (data ?? {}) as { scope?: string };
      switch (action) {
        case 'balance':
          return { ok: true, data: { year: 2026, points: 128, minutes: 750, hours: 12.5, communityId: 'c1', rank: 3, rankOf: 41 } };
        case 'ranking':
          if (d.scope === 'unit') return { ok: true, data: { items: [], total: 0, page: 1, pageSize: 20, scope: 'unit', scopeId: null, year: 2026, mine: null } };
          return { ok: true, data: {
            items: [
              { rank: 1, name: '李*', points: 200, hours: 20, isMe: false },
              { rank: 2, name: '欧**明', points: 150, hours: 15, isMe: false },
              { rank: 3, name: '张三', points: 128, hours: 12.5, isMe: true },
            ], total: 41, page: 1, pageSize: 20, scope: d.scope ?? 'community', scopeId: 'c1', year: 2026, mine: { rank: 3, points: 128 },
          } };
        case 'rules':
          return rulesAnswer(false);
        case 'history':
          return { ok: true, data: { items: [
            entry('e1', 5, '管理员调整：补录社区活动'),
            entry('e2', 9, '参加志愿服务', { cause: 'attendance', minutes: 120, reversed: true }),
            entry('e3', -9, '冲正更正：签到有误', { cause: 'reversal', minutes: -120, reverses: 'e2' }),
          ], total: 3, page: 1, pageSize: 20 } };
        default:
          return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      }
    },
  });
  await page.waitForText('128');
  expect(page.text()).toContain('2026 年度积分');
  expect(page.text()).toContain('第 3 名');
  expect(page.text()).toContain('共 41 人');
  expect(page.text()).toContain('12.5');
  await page.waitForText('欧**明');
  expect(page.text()).toContain('我在社区排第 3 名，128 分');
  expect(page.text()).toContain('张三（我）');

  await page.tap('单位');
  await page.waitForText('尚未加入单位');
  expect(page.calls.filter((c) => c.name === 'points' && c.action === 'ranking').map((c) => (c.data as { scope: string }).scope)).toEqual(['community', 'unit']);

  await page.tap('积分明细');
  await page.waitForText('管理员调整：补录社区活动');
  expect(page.text()).toContain('+5');
  expect(page.text()).toContain('冲正更正：签到有误');
  expect(page.text()).toContain('-9');
  expect(page.text()).toContain('已冲正');
  expect(page.text()).toContain('服务 2 小时');
  await page.waitForText('积分规则 · 和平社区');
  expect(page.text()).toContain('报到 +10 · 服务每次 +5、每小时 +2');
  expect(page.text()).not.toContain('修改规则');
});

test('points-adjust page: find a member, deduct with a reason after confirming, reverse an entry', async () => {
  let points = 17;
  let saved = false;
  const page = await renderPage('admin-community/points-adjust/index', {}, {
    cloud: (name, { action, data }) => {
      const d = (data ?? {}) as Record<string, unknown>;
      if (action === 'rules') return rulesAnswer(true, (d.scopeId as string) === 'c1' && saved ? 1 : 0);
      if (action === 'setRules') { saved = true; return { ok: true, data: { ruleId: 'c1:v1', version: 1 } }; }
      if (action === 'communityMembers') return { ok: true, data: { items: [{ openid: 'm1', name: '张三', phone: '13800001234', points }], total: 1, page: 1, pageSize: 20, communityId: 'c1' } };
      if (action === 'memberLedger') return { ok: true, data: { items: [entry('attendance:t1:m1', 7, '参加志愿服务', { cause: 'attendance', minutes: 60 })], total: 1, page: 1, pageSize: 20, member: { openid: 'm1', name: '张三', phone: '13800001234', communityId: 'c1' }, year: 2026, points, minutes: 60 } };
      if (action === 'adjust') { points += d.amount as number; return { ok: true, data: { entry: entry('adjust:x:m1', d.amount as number, `管理员调整：${d.reason as string}`), created: true, points } }; }
      if (action === 'reverse') { points -= 7; return { ok: true, data: { entry: entry('reversal:attendance:t1:m1', -7, `冲正更正：${d.reason as string}`, { cause: 'reversal' }), points } }; }
      return { ok: false, code: 'NOT_MOCKED', message: `未模拟 ${name}.${action}` };
    },
  });
  await page.waitForText('张三');
  // the community's rule, editable by its admin: a new version after confirming
  await page.waitForText('默认规则');
  await page.tap('修改规则');
  await page.input(1, '12'); // 报到通过 (input 0 is the member search)
  await page.tap('保存新版本');
  await page.waitForText('本级规则 第 1 版');
  expect(page.modals.some((m) => m.title === '保存为新版本？')).toBe(true);
  expect(page.calls.find((c) => c.action === 'setRules')!.data).toEqual({ scopeId: 'c1', rule: { ...rule, report: 12 } });

  await page.tap('张三');
  await page.waitForText('本年度 17 分');

  // validation before any request
  await page.tap('提交调整');
  await page.waitForText('请输入正整数分值');
  await page.tap('扣分');
  await page.input(0, '3'); // 分值
  await page.input(1, '重复登记扣回'); // 调整原因
  await page.tap('提交调整');
  await page.waitForText('本年度 14 分');
  expect(page.modals.some((m) => m.title === '确认扣 3 分？' && m.content.includes('重复登记扣回'))).toBe(true);
  const adjust = page.calls.find((c) => c.action === 'adjust')!;
  expect(adjust.data).toMatchObject({ openid: 'm1', amount: -3, reason: '重复登记扣回' });
  expect((adjust.data as { requestId: string }).requestId).toMatch(/^[a-z0-9]{6,}$/);

  await page.tap('冲正');
  await page.waitForText('冲正记录');
  await page.input(0, '签到有误'); // 冲正原因 (the adjust form is hidden meanwhile)
  await page.tap('确认冲正');
  await page.waitForText('本年度 7 分');
  expect(page.calls.find((c) => c.action === 'reverse')!.data).toEqual({ entryId: 'attendance:t1:m1', reason: '签到有误' });
});
