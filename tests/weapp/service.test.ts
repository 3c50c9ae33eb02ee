/** The compiled 我的承诺 and 心愿墙 pages (subpackages pledge/ and wish/) render their data and act on taps. */
import { renderPage } from './harness';
import { iso, pledge } from './canned';

jest.setTimeout(30_000);

test('我的承诺: progress bars, a returned pledge with its reason, adding evidence', async () => {
  const page = await renderPage('pledge/mine/index', {}, {
    cloud: (name, { action }) => {
      if (name !== 'pledge') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'mine') {
        return { ok: true, data: { year: 2026, limit: 3, used: 2, canPledge: true, communityId: 'c1', items: [
          pledge({}),
          pledge({ id: 'p2', type: 'advice', title: '为停车治理提建议', status: 'returned', phase: 'returned', target: { kind: 'manual', count: 3, unit: '条' }, targetText: '完成 3 条', returnReason: '请写明建议的方向' }),
        ] } };
      }
      if (action === 'addEvidence') return { ok: true, data: { pledge: pledge({ evidence: [{ id: 'e1', text: '3 月 2 日清理楼道', photos: [], photoUrls: [], createdAt: iso('2026-03-02T02:00:00Z') }] }) } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('参加小区环境整治 6 次');
  expect(page.text()).toContain('2026 年度承诺');
  expect(page.text()).toContain('已作 2/3 项');
  expect(page.text()).toContain('4/6 次 · 66%');
  expect(page.text()).toContain('践诺中');
  expect(page.text()).toContain('退回原因：请写明建议的方向');
  expect(page.text()).toContain('修改后重新提交');

  await page.tap('修改后重新提交');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pledge/edit/index?id=p2' });

  await page.tap('添加践诺记录');
  await page.waitForText('保存记录');
  await page.input('为 3 栋王奶奶', '3 月 2 日清理楼道');
  await page.tap('保存记录');
  await page.waitFor(() => page.calls.some((c) => c.action === 'addEvidence'), 3000, 'addEvidence call');
  const call = page.calls.find((c) => c.action === 'addEvidence')!;
  expect(call.data).toMatchObject({ id: 'p1', text: '3 月 2 日清理楼道', photos: [] });
  expect((call.data as { requestId: string }).requestId).toMatch(/^[A-Za-z0-9_-]{6,40}$/);
});

const wish = (over: Record<string, unknown>) => ({
  id: 'w1', communityId: 'c1', communityName: '东湖社区', title: '一台助行器', description: '', forWhom: '独居老人', category: 'health',
  valueCap: 300, deadline: iso('2026-04-30T15:59:59Z'), status: 'open', donor: null, groupSize: 0, groupMax: 3, mine: false, photoUrls: [],
  createdAt: iso('2026-03-01T02:00:00Z'), ...over,
});

test('心愿墙: open and claimed wishes (anonymous donor), my claims tab', async () => {
  const page = await renderPage('wish/wall/index', {}, {
    cloud: (name, { action }) => {
      if (name !== 'wish') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'wall') {
        return { ok: true, data: { items: [wish({}), wish({ id: 'w2', title: '几本童书', category: 'study', forWhom: '困难家庭儿童', status: 'claimed', donor: '爱心党员（匿名）', groupSize: 2 })], total: 2, page: 1, pageSize: 20 } };
      }
      if (action === 'mine') {
        return { ok: true, data: { items: [{ wish: wish({ id: 'w3', title: '修理轮椅', status: 'confirmed', donor: '张伟、李娜', mine: true, groupSize: 2 }), claimId: 'w3-c1', status: 'confirmed', anonymous: false, leader: true, claimedAt: iso('2026-03-01T02:00:00Z'), points: 5 }], total: 1, page: 1, pageSize: 20 } };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('一台助行器');
  expect(page.text()).toContain('待认领');
  expect(page.text()).toContain('为 独居老人');
  expect(page.text()).toContain('价值不超过 300 元');
  expect(page.text()).toContain('认领：爱心党员（匿名）');
  await page.tap('一台助行器');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/wish/detail/index?id=w1' });

  await page.tap('我的认领');
  await page.waitForText('修理轮椅');
  expect(page.text()).toContain('已实现 · 积分 +5');
  expect(page.calls.filter((c) => c.name === 'wish').map((c) => c.action)).toEqual(['wall', 'mine']);
});

test('承诺墙: a resident rates a due pledge once; the tally and their rating show', async () => {
  const item = { id: 'p9', name: '张*', type: 'household', title: '结对联系独居老人', targetText: '完成 12 次', deadline: iso('2026-12-31T15:59:59Z'), phase: 'due', percent: 100, explanation: null, ratings: { good: 3, fair: 0, poor: 1 }, canRate: true, myRating: null };
  const page = await renderPage('pledge/wall/index', { communityId: 'c1' }, {
    cloud: (name, { action, data }) => {
      if (name !== 'pledge') return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
      if (action === 'wall') return { ok: true, data: { items: [item, { ...item, id: 'p10', title: '提一条停车建议', phase: 'in_progress', percent: 50, canRate: false, ratings: { good: 0, fair: 0, poor: 0 } }], total: 2, page: 1, pageSize: 20, communityId: 'c1', communityName: '东湖社区' } };
      if (action === 'rate') return { ok: true, data: { ratings: { good: 3, fair: 1, poor: 1 }, myRating: (data as { rating: string }).rating, already: false } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('结对联系独居老人');
  expect(page.text()).toContain('东湖社区 · 党员公开承诺');
  expect(page.text()).toContain('群众评价：满意 3 · 基本满意 0 · 不满意 1');
  // only the due one can be rated: one row of buttons
  expect(page.text().match(/评价践诺/g)).toHaveLength(1);
  await page.tap('基本满意');
  await page.waitForText('您的评价：基本满意');
  const call = page.calls.find((c) => c.action === 'rate')!;
  expect(call.data).toMatchObject({ id: 'p9', rating: 'fair' });
  expect(page.text()).toContain('群众评价：满意 3 · 基本满意 1 · 不满意 1');
  expect(page.text()).not.toContain('评价践诺');
});

test('群发通知: the admin writes, confirms, sends once with a requestId; the log and the day\'s count show', async () => {
  const whoami = { openid: 'admin-1', profile: null, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 };
  let sent = 0;
  const page = await renderPage('notice/broadcast/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: whoami };
      if (name === 'notify' && action === 'broadcasts') {
        const items = sent ? [{ id: 'b2', title: '周六楼道清洁', body: '9 点 5 栋楼前集合', recipients: 28, sentBy: 'admin-1', createdAt: iso('2026-11-28T02:00:00Z') }] : [];
        return { ok: true, data: { items, total: items.length, page: 1, pageSize: 20, remainingToday: 3 - sent } };
      }
      if (name === 'notify' && action === 'broadcast') { sent++; return { ok: true, data: { id: 'b2', recipients: 28, remainingToday: 2 } }; }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('东湖社区 · 群发通知');
  await page.waitForText('还没有群发过通知');
  await page.waitForText('今天还可群发 3 次');
  // the field says what is missing before anything is sent
  await page.tap('发送');
  await page.waitForText('标题至少 2 个字');
  expect(page.calls.some((c) => c.action === 'broadcast')).toBe(false);
  await page.input('周六上午楼道清洁', '周六楼道清洁');
  await page.input('写明时间', '9 点 5 栋楼前集合');
  await page.tap('发送');
  await page.waitFor(() => page.calls.some((c) => c.action === 'broadcast'), 3000, 'broadcast call');
  expect(page.modals[0].title).toBe('发送给本社区全部已报到党员？');
  const call = page.calls.find((c) => c.action === 'broadcast')!;
  expect(call.data).toMatchObject({ communityId: 'comm-1', title: '周六楼道清洁', body: '9 点 5 栋楼前集合' });
  expect((call.data as { requestId: string }).requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  await page.waitForText('28 人');
  expect(page.text()).toContain('今天还可群发 2 次');
});

test('积分公示 before reporting: says 尚未报到社区 with a 去报到 button, not 加载失败 / 重试', async () => {
  const page = await renderPage('gongshi/list/index', {}, {
    cloud: () => ({ ok: false, code: 'NOT_IN_COMMUNITY', message: '报到到社区后才能查看本社区的积分公示' }),
  });
  await page.waitForText('尚未报到社区');
  expect(page.text()).toContain('报到到社区后才能查看本社区的积分公示');
  expect(page.text()).not.toContain('加载失败');
  expect(page.text()).not.toContain('重试');
  await page.tap('去报到');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pages/report/index' });
});

test('登记心愿: the server\'s field errors show under their fields (also the nested 受助人 ones), not only in a toast', async () => {
  const page = await renderPage('admin-service/wish-edit/index', { communityId: 'c1' }, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return { ok: true, data: { openid: 'a1', profile: null, grants: [{ role: 'community', scopeId: 'c1', scopeName: '东湖社区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 } };
      if (name === 'wish' && action === 'save') {
        return { ok: false, code: 'VALIDATION_FAILED', message: '心愿对象：至少 2 个字', details: [{ path: ['forWhom'], message: '心愿对象至少 2 个字' }, { path: ['beneficiary', 'name'], message: '受助人姓名至少 2 个字' }] };
      }
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('发布到心愿墙');
  await page.input('一台带座椅的助行器', '助行器');
  await page.tap('发布到心愿墙');
  await page.waitForText('心愿对象至少 2 个字');
  expect(page.text()).toContain('受助人姓名至少 2 个字');
});

test('心愿详情 opened from a link to a deleted wish says 没有找到, with no 重试 that cannot help', async () => {
  const page = await renderPage('wish/detail/index', { id: 'gone' }, {
    cloud: () => ({ ok: false, code: 'WISH_NOT_FOUND', message: '未找到该心愿' }),
  });
  await page.waitForText('没有找到');
  expect(page.text()).toContain('未找到该心愿');
  expect(page.text()).not.toContain('重试');
});

test('考勤确认 opened from a link without its task id: 链接不完整, no 重试', async () => {
  const page = await renderPage('admin-community/task-attendance/index', {}, {
    cloud: () => ({ ok: false, code: 'VALIDATION_FAILED', message: '此项必填', details: [{ path: ['taskId'], message: '此项必填' }] }),
  });
  await page.waitForText('链接不完整');
  expect(page.text()).not.toContain('重试');
});

test('新建承诺 before the report is approved: 尚未报到社区 with 去报到, not a form that fails on submit', async () => {
  const page = await renderPage('pledge/edit/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'pledge' && action === 'mine') return { ok: true, data: { year: 2026, limit: 3, used: 0, canPledge: false, communityId: null, items: [] } };
      if (name === 'pledge' && action === 'linkOptions') return { ok: true, data: { items: [] } };
      return { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
    },
  });
  await page.waitForText('尚未报到社区');
  expect(page.text()).not.toContain('提交社区审核');
  await page.tap('去报到');
  expect(page.navigations).toContainEqual({ type: 'navigateTo', url: '/pages/report/index' });
});
