/**
 * Drafts of the longer forms on the REAL compiled weapp pages: a page recreated with a draft in the
 * device's storage (as typing left it) shows the draft and says so; typing writes it; a successful
 * submit or 清空 removes it. One form per family: 承诺, 微心愿, 发布任务, 群发.
 */
import { renderPage, storage } from './harness';
import { iso, pledge, publishedTask } from './canned';

const ok = (data: unknown) => ({ ok: true, data });
const NOT_MOCKED = { ok: false, code: 'NOT_MOCKED', message: '未模拟' };
const whoami = { openid: 'admin-1', profile: null, grants: [{ role: 'community', scopeId: 'comm-1', scopeName: '东湖社区' }], report: null, unit: null, privacyAccepted: true, unreadInbox: 0 };
const HINT = '已恢复未提交的草稿';
const seed = (key: string, v: unknown) => storage.set(key, { v, at: Date.now() - 60_000 });
const draftOf = (key: string) => (storage.get(key) as { v: Record<string, unknown> } | undefined)?.v;
/** what the page's fields hold: Taro keeps each field's value in the page data */
const holds = (page: { root: { instance: unknown } }, text: string) => JSON.stringify((page.root.instance as { data: unknown }).data).includes(text);

test('承诺: a returned pledge reopened shows its draft over the stored text; typing updates it, saving removes it', async () => {
  const stored = pledge({ id: 'p2', title: '为停车治理提建议', status: 'returned', phase: 'returned', type: 'advice', target: { kind: 'manual', count: 3, unit: '条' }, returnReason: '请写明方向' });
  seed('draft:pledge-edit:p2', { type: 'advice', title: '为东湖小区停车治理提三条建议', kind: 'manual', amount: '3', category: null, unit: '条', deadline: '2026-12-31', link: null });
  const page = await renderPage('pledge/edit/index', { id: 'p2' }, {
    cloud: (name, { action }) => {
      if (name === 'pledge' && action === 'mine') return ok({ year: 2026, limit: 3, used: 1, canPledge: true, communityId: 'c1', items: [stored] });
      if (name === 'pledge' && action === 'linkOptions') return ok({ items: [] });
      if (name === 'pledge' && action === 'save') return ok({ pledge: { ...stored, status: 'draft', phase: 'draft' }, created: false });
      return NOT_MOCKED;
    },
  });
  await page.waitForText(HINT);
  expect(holds(page, '为东湖小区停车治理提三条建议')).toBe(true);
  expect(page.text()).toContain('清空');

  await page.input('如：', '为东湖小区停车治理提三条建议，年底前交');
  await page.waitFor(() => draftOf('draft:pledge-edit:p2')?.title === '为东湖小区停车治理提三条建议，年底前交', 3000, 'the draft written');
  await page.tap('保存草稿');
  await page.waitFor(() => page.calls.some((c) => c.action === 'save'), 3000, 'save call');
  expect(page.calls.find((c) => c.action === 'save')!.data).toMatchObject({ id: 'p2', title: '为东湖小区停车治理提三条建议，年底前交' });
  await page.waitFor(() => !storage.has('draft:pledge-edit:p2'), 3000, 'the draft removed after saving');
});

test('微心愿: an edited wish reopened shows the draft; publishing sends it and removes it', async () => {
  const wish = {
    id: 'w1', communityId: 'comm-1', communityName: '东湖社区', title: '一台助行器', description: '', forWhom: '独居老人', category: 'health', valueCap: 300,
    deadline: iso('2099-04-30T15:59:59Z'), status: 'open', donor: null, groupSize: 0, groupMax: 3, mine: false, photoUrls: [], createdAt: iso('2026-03-01T02:00:00Z'),
    beneficiary: { name: '王奶奶', phone: '13800000000', address: '3 栋 402', note: '' }, claim: null, delivery: null, receipt: null, isAdmin: true, canJoin: false,
    verifiedNote: null, detailsPending: false, withdrawReason: null,
  };
  seed('draft:wish-edit:w1', {
    title: '一台助行器', description: '要带座椅的，能折叠', forWhom: '独居老人', category: 'health', valueCap: '300', groupMax: '3', deadline: '2099-04-30',
    photos: [], name: '王奶奶', phone: '13800000000', address: '3 栋 402', note: '腿脚不便',
  });
  const page = await renderPage('admin-service/wish-edit/index', { id: 'w1', communityId: 'comm-1' }, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok(whoami);
      if (name === 'wish' && action === 'get') return ok(wish);
      if (name === 'wish' && action === 'save') return ok({ wish, created: false });
      return NOT_MOCKED;
    },
  });
  await page.waitForText(HINT);
  expect(holds(page, '要带座椅的，能折叠')).toBe(true);
  await page.tap('保存');
  await page.waitFor(() => page.calls.some((c) => c.name === 'wish' && c.action === 'save'), 3000, 'save call');
  expect(page.calls.find((c) => c.name === 'wish' && c.action === 'save')!.data).toMatchObject({ id: 'w1', description: '要带座椅的，能折叠', beneficiary: { note: '腿脚不便' } });
  await page.waitFor(() => !storage.has('draft:wish-edit:w1'), 3000, 'the draft removed after saving');
});

test('发布任务: a published task reopened shows its draft; 清空 goes back to the stored task; cancelling the task removes a new draft', async () => {
  const task = publishedTask();

  seed('draft:task-edit:t1', {
    title: '楼道杂物清理行动', description: '带手套，9 点 5 栋楼前集合', category: 'environment', day: '2099-12-02', start: '09:00', end: '11:00',
    deadlineDay: '2099-12-01', deadline: '08:00', placeName: '3 栋楼道', lat: '30.6', lng: '104.1', radius: null, slots: '4', audience: 'community', skills: '',
  });
  const page = await renderPage('admin-community/task-edit/index', { id: 't1', communityId: 'comm-1' }, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok(whoami);
      if (name === 'task' && action === 'getTask') return ok({ task });
      if (name === 'task' && action === 'attendance') return ok({ task, rows: [], missingSignOut: 0 });
      if (name === 'task' && action === 'cancel') return ok({ task: { ...task, status: 'cancelled' }, notified: 0 });
      return NOT_MOCKED;
    },
  });
  await page.waitForText(HINT);
  expect(page.text()).toContain('2099-12-02');
  expect(holds(page, '带手套，9 点 5 栋楼前集合')).toBe(true);
  await page.tap('清空');
  await page.waitForNoText(HINT);
  expect(page.modals.map((m) => m.title)).toContain('清空草稿？');
  expect(holds(page, '带手套，9 点 5 栋楼前集合')).toBe(false);
  expect(holds(page, '清理楼道杂物')).toBe(true);
  expect(page.text()).toContain('2099-12-01');
  expect(page.text()).not.toContain('2099-12-02');
  expect(storage.has('draft:task-edit:t1')).toBe(false);

  await page.input('做什么', '清理楼道杂物，带扫帚');
  await page.waitFor(() => draftOf('draft:task-edit:t1')?.description === '清理楼道杂物，带扫帚', 3000, 'the draft written');
  await page.tap('取消任务');
  await page.input('会通知已报名的党员', '暴雨预警');
  await page.tap('确认取消任务');
  await page.waitFor(() => page.calls.some((c) => c.action === 'cancel'), 3000, 'cancel call');
  await page.waitFor(() => !storage.has('draft:task-edit:t1'), 3000, 'the draft removed after cancelling');
});

test('群发: the reopened page shows the unsent notice; sending it removes the draft', async () => {
  seed('draft:broadcast:comm-1', { title: '周日义诊', body: '上午 9 点社区服务中心，请带医保卡' });
  const page = await renderPage('notice/broadcast/index', {}, {
    cloud: (name, { action }) => {
      if (name === 'member' && action === 'whoami') return ok(whoami);
      if (name === 'notify' && action === 'broadcasts') return ok({ items: [], total: 0, page: 1, pageSize: 20, remainingToday: 3 });
      if (name === 'notify' && action === 'broadcast') return ok({ id: 'b1', recipients: 12, remainingToday: 2 });
      return NOT_MOCKED;
    },
  });
  await page.waitForText(HINT);
  expect(holds(page, '上午 9 点社区服务中心，请带医保卡')).toBe(true);
  await page.tap('发送');
  await page.waitFor(() => page.calls.some((c) => c.action === 'broadcast'), 3000, 'broadcast call');
  expect(page.calls.find((c) => c.action === 'broadcast')!.data).toMatchObject({ title: '周日义诊', body: '上午 9 点社区服务中心，请带医保卡' });
  await page.waitForNoText(HINT);
  await page.waitFor(() => !storage.has('draft:broadcast:comm-1'), 3000, 'the draft removed after sending');
});

test('微心愿 (resident link): the reopened form shows the draft; a sent wish leaves no draft behind', async () => {
  seed('draft:wish-submit:comm-1', { title: '一台助行器', description: '要能折叠', name: '王奶奶', phone: '', address: '3 栋 402' });
  const page = await renderPage('wish/submit/index', { communityId: 'comm-1' }, {
    cloud: (name, { action }) => (name === 'wish' && action === 'submit' ? ok({ id: 'w9', communityName: '东湖社区' }) : NOT_MOCKED),
  });
  await page.waitForText(HINT);
  expect(holds(page, '要能折叠')).toBe(true);
  await page.tap('提交心愿');
  await page.waitForText('心愿已提交');
  expect(page.calls.find((c) => c.action === 'submit')!.data).toMatchObject({ communityId: 'comm-1', title: '一台助行器', description: '要能折叠', beneficiary: { name: '王奶奶', address: '3 栋 402' } });
  expect(storage.has('draft:wish-submit:comm-1')).toBe(false);
});
