/**
 * 评诺 beyond the organisation's judgement, on h5: a member's pledge that reached its target is due
 * → the member writes a 自评 → a resident opens the shared pledge wall and rates it (满意), once →
 * the community admin sees both at 年终评诺. Also: the pledge form offers the community's
 * needs/projects (对应清单). Setup goes through the API (a manual target with one evidence record).
 */
import { assert, callAs, openAs, screenshot, tapText, test, waitForText } from '../harness';

const ADMIN = 'demo-community-1';
const MEMBER = 'demo-member-16'; // 东湖社区, approved, no seeded pledges
const RESIDENT = 'e2e-resident-1'; // not a member: a resident who opened the shared wall

test('due pledge → 自评 → a resident rates it on the shared wall → the admin sees both at 年终评诺', async () => {
  const title = `每月为 3 栋老人代购 ${Date.now() % 10000}`;
  const year = new Date().getFullYear();
  const made = await callAs(MEMBER, 'pledge', 'save', {
    requestId: `e2e-eval-${Date.now()}`, type: 'household', title, target: { kind: 'manual', count: 1, unit: '次' },
    deadline: new Date(Date.UTC(year, 11, 31, 15, 0)).toISOString(), link: null, submit: true,
  });
  const id = made.pledge.id as string;
  await callAs(ADMIN, 'pledge', 'decide', { ids: [id], decision: 'approve' });
  await callAs(MEMBER, 'pledge', 'addEvidence', { id, requestId: `e2e-ev-${Date.now()}`, text: '为王奶奶代购药品', photos: [] });

  const member = await openAs(MEMBER, '/pledge/mine/index');
  await waitForText(member, title);
  await waitForText(member, '待评诺');
  await tapText(member, '写自评');
  await member.locator('textarea').filter({ visible: true }).first().fill('每月按时代购，老人很满意；下半年工作忙，有一次请邻居代办');
  await tapText(member, '提交自评');
  await waitForText(member, '自评：每月按时代购');
  await screenshot(member, 'pledge-self-eval');

  const resident = await openAs(RESIDENT, '/pledge/wall/index?communityId=comm-1');
  const card = resident.locator('.sbd-card', { hasText: title }).filter({ visible: true }).first();
  await card.waitFor({ timeout: 10000 });
  await card.getByText('满意', { exact: true }).click();
  await waitForText(resident, '您的评价：满意');
  await waitForText(resident, '群众评价：满意 1 · 基本满意 0 · 不满意 0');
  await screenshot(resident, 'pledge-wall-rated');
  // once per person: a second rating changes nothing
  const again = await callAs(RESIDENT, 'pledge', 'rate', { id, rating: 'poor', requestId: `e2e-rate-${Date.now()}` });
  assert(again.already === true && again.ratings.good === 1 && again.ratings.poor === 0, `rated twice: ${JSON.stringify(again)}`);

  const admin = await openAs(ADMIN, '/admin-service/pledges/index?scopeId=comm-1');
  await tapText(admin, /^待评诺/);
  const due = admin.locator('.sbd-card', { hasText: title }).filter({ visible: true }).first();
  await due.waitFor({ timeout: 10000 });
  const text = await due.innerText();
  assert(text.includes('自评：每月按时代购'), `admin does not see the self-evaluation: ${text.slice(0, 300)}`);
  assert(text.includes('群众评价：满意 1'), `admin does not see the residents' rating: ${text.slice(0, 300)}`);
  await due.scrollIntoViewIfNeeded();
  await screenshot(admin, 'pledge-admin-due-evals');
});

test('the pledge form offers the community\'s needs and projects (对应清单)', async () => {
  const options = await callAs(MEMBER, 'pledge', 'linkOptions', {});
  assert(options.items.length > 0, 'the demo seed has open needs or projects in 东湖社区');
  const page = await openAs(MEMBER, '/pledge/edit/index');
  await waitForText(page, '对应清单');
  await page.getByText('不对应', { exact: true }).filter({ visible: true }).first().click();
  const first = `${options.items[0].kind === 'need' ? '需求' : '项目'}：${options.items[0].title}`;
  await waitForText(page, first);
  await screenshot(page, 'pledge-link-picker');
});
