/**
 * Report approval without a transaction (functions/report/review.ts#approve) and its follow-up by the
 * report timer (functions/_shared/report-approval.ts#runFollowUps, _lib/ledger.ts#postOnce): exactly
 * one credit and one notice however the approval or the timer is repeated or raced, no lost balance
 * update, and a crash between any two writes finished by the next tick, by approving again or by
 * reconcile — made here by a write that throws once.
 */
/** per test: what the database helpers do before their real work (throw once, or race a credit in) */
const mockBefore: Record<string, ((...args: any[]) => Promise<void> | void) | undefined> = {};
jest.mock('../../functions/_lib/query', () => {
  const actual = jest.requireActual('../../functions/_lib/query');
  return {
    ...actual,
    addOnce: async (...a: any[]) => { await mockBefore.addOnce?.(...a); return actual.addOnce(...a); },
    updateWhere: async (...a: any[]) => { await mockBefore.updateWhere?.(...a); return actual.updateWhere(...a); },
    getDoc: async (...a: any[]) => { await mockBefore.getDocBefore?.(...a); const doc = await actual.getDoc(...a); await mockBefore.getDoc?.(...a); return doc; },
  };
});
import { award } from '../../functions/_shared/ledger';
import { reconcile } from '../../functions/reconcile/run';
import { followUpDelayMs } from '../../functions/_shared/report-approval';
import { approve as approveReport } from '../../functions/report/review';
import { DEFAULT_RULE } from '../../core/domain/scoring';
import type { TestCloud } from '../helpers/cloud';
import { all, newMember, okData, one, put, seedDemo, startCloudWithOpenapi } from './report.fixture';

let cloud: TestCloud;
beforeAll(async () => ({ cloud } = await startCloudWithOpenapi()));
afterAll(() => cloud.stop());
beforeEach(() => seedDemo(cloud));
afterEach(() => { for (const k of Object.keys(mockBefore)) delete mockBefore[k]; });

const ADMIN = 'demo-community-1';
const year = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const balanceOf = (openid: string) => one(cloud, 'balances', `${year()}:${openid}`);
const entriesOf = (openid: string) => all(cloud, 'ledger', { openid });
const fix = (trigger: string) => reconcile({ db: cloud.db }, { fix: true, years: [year()], trigger });
/** the report function's every-minute timer, fired now */
const tick = () => cloud.invoke('report', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date().toISOString() });
const approve = async (reportId: string) => okData(await cloud.call('report', 'approve', { reportId }, ADMIN));

async function submitted(openid: string): Promise<string> {
  await newMember(cloud, openid);
  return okData(await cloud.call('report', 'submit', { communityId: 'comm-1' }, openid)).report.id;
}

/** the helper `fn` throws once, the first time `when` holds for its arguments */
function throwOnce(fn: string, when: (...args: any[]) => boolean) {
  let thrown = false;
  mockBefore[fn] = (...args: any[]) => {
    if (!thrown && when(...args)) { thrown = true; throw new Error('simulated crash'); }
  };
}

it('approving places the member at once and leaves the notice and the credit to the next tick', async () => {
  const reportId = await submitted('ao0');
  expect(await approve(reportId)).toMatchObject({ report: { status: 'approved' }, followUp: 'queued' });
  expect(one(cloud, 'members', 'ao0')).toMatchObject({ communityId: 'comm-1', reportId, currentReport: { status: 'approved' } });
  expect([entriesOf('ao0').length, all(cloud, 'inbox', { openid: 'ao0', title: '报到已通过' }).length]).toEqual([0, 0]);
  expect(await tick()).toEqual({ finished: 1, failed: 0, left: false });
  expect(entriesOf('ao0')).toEqual([expect.objectContaining({ cause: 'report', actor: ADMIN, amount: DEFAULT_RULE.report })]);
  expect(all(cloud, 'inbox', { openid: 'ao0', title: '报到已通过' })).toHaveLength(1);
  expect(one(cloud, 'reports', reportId).followUp).toBe(false);
  // nothing left: the next tick does nothing, a repeat of the approval says it is done
  expect(await tick()).toEqual({ finished: 0, failed: 0, left: false });
  expect(await approve(reportId)).toMatchObject({ followUp: 'done' });
  expect(entriesOf('ao0')).toHaveLength(1);
});

it('a crash between the entry and the balance: the approval stays marked, reconcile finishes it and writes the balance from the entries once', async () => {
  const reportId = await submitted('ao1');
  expect(await approve(reportId)).toMatchObject({ followUp: 'queued' });
  throwOnce('addOnce', (_db, coll) => coll === 'balances');
  expect(await tick()).toEqual({ finished: 0, failed: 1, left: false });
  expect(entriesOf('ao1')).toHaveLength(1);
  expect(balanceOf('ao1')).toBeUndefined();
  expect(one(cloud, 'reports', reportId).followUp).toBe(true);
  expect(await fix('test')).toMatchObject({ drifts: 1, fixed: 1 });
  expect(all(cloud, 'reconciliations', { kind: 'run', trigger: 'test' }).map((r: any) => r.approvalsFinished)).toEqual([1]);
  expect(balanceOf('ao1')).toMatchObject({ points: DEFAULT_RULE.report, pending: DEFAULT_RULE.report, entries: 1 });
  // the next tick and approving again credit nothing more; the next reconcile finds nothing
  expect(await tick()).toMatchObject({ finished: 0 });
  expect(await approve(reportId)).toMatchObject({ report: { status: 'approved' }, followUp: 'done' });
  expect(entriesOf('ao1')).toHaveLength(1);
  expect(all(cloud, 'inbox', { openid: 'ao1', title: '报到已通过' })).toHaveLength(1);
  expect(await fix('test')).toMatchObject({ drifts: 0 });
});

it('a crash right after the report is decided: approving again places the member, the tick sends the notice and the credit, once', async () => {
  const reportId = await submitted('ao2');
  throwOnce('updateWhere', (_src, coll) => coll === 'members');
  expect(await cloud.call('report', 'approve', { reportId }, ADMIN)).toMatchObject({ ok: false });
  expect(one(cloud, 'reports', reportId)).toMatchObject({ status: 'approved', decidedBy: ADMIN, followUp: true });
  expect([one(cloud, 'members', 'ao2').communityId ?? null, entriesOf('ao2').length]).toEqual([null, 0]);
  for (let i = 0; i < 2; i++) expect(await approve(reportId)).toMatchObject({ report: { status: 'approved' }, followUp: 'queued' });
  expect(one(cloud, 'members', 'ao2')).toMatchObject({ communityId: 'comm-1', reportId, currentReport: { id: reportId, status: 'approved' } });
  expect(okData(await cloud.call('member', 'whoami', {}, 'ao2')).report).toMatchObject({ status: 'approved', communityId: 'comm-1' });
  expect(await tick()).toMatchObject({ finished: 1 });
  expect(entriesOf('ao2')).toHaveLength(1);
  expect(all(cloud, 'inbox', { openid: 'ao2', title: '报到已通过' })).toHaveLength(1);
  expect(balanceOf('ao2')).toMatchObject({ points: DEFAULT_RULE.report, entries: 1 });
  expect(await fix('test')).toMatchObject({ drifts: 0 });
});

it('an approval that crashed after deciding the report and is never repeated: the next tick places the member and finishes it, once', async () => {
  const reportId = await submitted('ao6');
  throwOnce('updateWhere', (_src, coll) => coll === 'members');
  expect(await cloud.call('report', 'approve', { reportId }, ADMIN)).toMatchObject({ ok: false });
  expect(entriesOf('ao6')).toHaveLength(0);
  expect(await tick()).toMatchObject({ finished: 1, failed: 0 });
  expect(one(cloud, 'members', 'ao6')).toMatchObject({ communityId: 'comm-1', reportId, currentReport: { status: 'approved' } });
  expect(entriesOf('ao6')).toEqual([expect.objectContaining({ cause: 'report', actor: ADMIN })]);
  expect(balanceOf('ao6')).toMatchObject({ points: DEFAULT_RULE.report, entries: 1 });
  expect(all(cloud, 'inbox', { openid: 'ao6', title: '报到已通过' })).toHaveLength(1);
  await tick();
  expect(await fix('again')).toMatchObject({ drifts: 0 });
  expect(entriesOf('ao6')).toHaveLength(1);
});

it('a notice that failed to enqueue: no credit yet, the approval waits a minute without holding up others, then one notice and one credit', async () => {
  const reportId = await submitted('ao7');
  await approve(reportId);
  throwOnce('addOnce', (_db, coll) => coll === 'outbox');
  expect(await tick()).toEqual({ finished: 0, failed: 1, left: false });
  expect([entriesOf('ao7').length, all(cloud, 'inbox', { openid: 'ao7' }).length]).toEqual([0, 0]);
  const postponed = one(cloud, 'reports', reportId);
  expect(postponed).toMatchObject({ followUp: true, followUpTries: 1 });
  expect(new Date(postponed.followUpAt).getTime()).toBeGreaterThan(Date.now() + 50_000);
  // another approval meanwhile is followed up at the next tick; the failed one waits its minute
  const other = await submitted('ao8');
  await approve(other);
  expect(await tick()).toEqual({ finished: 1, failed: 0, left: false });
  expect([entriesOf('ao8').length, entriesOf('ao7').length]).toEqual([1, 0]);
  // the minute has passed
  await cloud.db.collection('reports').doc(reportId).update({ data: { followUpAt: new Date(Date.now() - 1000) } });
  expect(await tick()).toEqual({ finished: 1, failed: 0, left: false });
  expect(entriesOf('ao7')).toHaveLength(1);
  expect(all(cloud, 'inbox', { openid: 'ao7', title: '报到已通过' })).toHaveLength(1);
});

it('a follow-up that keeps failing waits longer each time (1, 2, 4 … 60 minutes), and reconcile tries it anyway', async () => {
  expect([1, 2, 3, 6, 7, 20].map((n) => followUpDelayMs(n) / 60_000)).toEqual([1, 2, 4, 32, 60, 60]);
  const reportId = await submitted('ao10');
  await approve(reportId);
  throwOnce('addOnce', (_db, coll) => coll === 'outbox');
  await tick();
  expect(await tick()).toMatchObject({ finished: 0, failed: 0 });
  expect(await fix('test')).toMatchObject({ drifts: 0 });
  expect([entriesOf('ao10').length, one(cloud, 'reports', reportId).followUp]).toEqual([1, false]);
});

it('a credit that commits between the follow-up reading the balance and writing it is kept: no lost update, no drift', async () => {
  const reportId = await submitted('ao3');
  await award({ db: cloud.db }, { openid: 'ao3', cause: 'wish', sourceId: 'w1', communityId: 'comm-1', at: new Date(), actor: ADMIN });
  await approve(reportId);
  let raced = false;
  mockBefore.getDoc = async (_src: unknown, coll: string) => {
    if (coll !== 'balances' || raced) return;
    raced = true; // another credit commits right after the follow-up read the balance
    await award({ db: cloud.db }, { openid: 'ao3', cause: 'wish', sourceId: 'w2', communityId: 'comm-1', at: new Date(), actor: ADMIN });
  };
  expect(await tick()).toMatchObject({ finished: 1 });
  expect(raced).toBe(true);
  const entries = entriesOf('ao3');
  expect(entries.map((e: any) => e.cause).sort()).toEqual(['report', 'wish', 'wish']);
  expect(balanceOf('ao3')).toMatchObject({ points: entries.reduce((s: number, e: any) => s + e.amount, 0), entries: 3 });
  expect(await fix('test')).toMatchObject({ drifts: 0 });
});

it('three approvals at once, then two ticks at once: one decision, one credit, one notice, and reconcile finds nothing to fix', async () => {
  const reportId = await submitted('ao4');
  const results = await Promise.all([1, 2, 3].map(() => cloud.call('report', 'approve', { reportId }, ADMIN)));
  expect(results.every((r) => r.ok)).toBe(true);
  expect(one(cloud, 'members', 'ao4')).toMatchObject({ reportId, reportRev: expect.any(Number) });
  const ticks = await Promise.all([tick(), tick()]);
  expect(ticks.reduce((s, t) => s + t.finished, 0)).toBe(1);
  expect(entriesOf('ao4')).toHaveLength(1);
  expect(balanceOf('ao4')).toMatchObject({ points: DEFAULT_RULE.report, entries: 1 });
  expect(all(cloud, 'inbox', { openid: 'ao4', title: '报到已通过' })).toHaveLength(1);
  expect(await fix('test')).toMatchObject({ drifts: 0 });
});

it('a reconcile repair that takes the follow-up\'s entry in before its balance write: the credit is not applied twice', async () => {
  const reportId = await submitted('ao5');
  await approve(reportId);
  let started = false;
  let repaired: unknown = null;
  mockBefore.addOnce = async (_db: unknown, coll: string) => {
    if (coll !== 'balances' || started) return;
    started = true;
    repaired = await fix('race'); // the entry is in, the balance not yet: reconcile writes it from the entries
  };
  expect(await tick()).toMatchObject({ failed: 0 });
  expect(repaired).toMatchObject({ drifts: 1, fixed: 1 });
  expect(balanceOf('ao5')).toMatchObject({ points: DEFAULT_RULE.report, entries: 1 });
  expect(entriesOf('ao5')).toHaveLength(1);
  expect(await fix('test')).toMatchObject({ drifts: 0 });
});

it('an approval decided before the follow-up mark existed whose credit failed (no followUp field, no entry): reconcile still finishes it, once', async () => {
  // the approval of the previous release: decided, the member placed, its credit failed and was left
  // for "approving again or reconcile's sweep" — the report has no followUp field
  const reportId = await submitted('ao8');
  const decidedAt = new Date(Date.now() - 86_400_000);
  put(cloud, 'reports', [{ ...one(cloud, 'reports', reportId)!, status: 'approved', decidedAt, decidedBy: ADMIN }]);
  put(cloud, 'members', [{ ...one(cloud, 'members', 'ao8')!, communityId: 'comm-1', reportId }]);
  // and one of the same release that was credited: left alone
  const doneId = await submitted('ao9');
  put(cloud, 'reports', [{ ...one(cloud, 'reports', doneId)!, status: 'approved', decidedAt, decidedBy: ADMIN }]);
  await award({ db: cloud.db }, { openid: 'ao9', cause: 'report', sourceId: doneId, communityId: 'comm-1', at: decidedAt, actor: ADMIN });
  expect(await tick()).toMatchObject({ finished: 0 });
  await fix('legacy');
  expect(all(cloud, 'reconciliations', { kind: 'run', trigger: 'legacy' }).map((r: any) => r.approvalsFinished)).toEqual([1]);
  expect(entriesOf('ao8')).toEqual([expect.objectContaining({ cause: 'report', actor: ADMIN, amount: DEFAULT_RULE.report })]);
  expect(all(cloud, 'inbox', { openid: 'ao8', title: '报到已通过' })).toHaveLength(1);
  expect(one(cloud, 'reports', reportId).followUp).toBe(false);
  expect(one(cloud, 'reports', doneId).followUp).toBeUndefined();
  expect(entriesOf('ao9')).toHaveLength(1);
  await fix('legacy-again');
  expect(all(cloud, 'reconciliations', { kind: 'run', trigger: 'legacy-again' }).map((r: any) => r.approvalsFinished)).toEqual([0]);
  expect(entriesOf('ao8')).toHaveLength(1);
});

it('a move approved while the tick is on the earlier approval: the tick does not put the member back in the community moved from', async () => {
  const first = await submitted('ao10');
  await approve(first);
  const move = okData(await cloud.call('report', 'submit', { communityId: 'comm-2', confirmMove: true }, 'ao10')).report.id;
  let moved = false;
  // the tick has read its page (the first approval still 'approved'); the move is approved before it reads the member
  mockBefore.getDocBefore = async (_src: unknown, coll: string, id: string) => {
    if (coll !== 'members' || id !== 'ao10' || moved) return;
    moved = true;
    // the other community's admin, in their own invocation (in-process: the test gate runs one identity at a time)
    await approveReport({ reportId: move }, { db: cloud.db, cloud: cloud.sdk, openid: 'admin-c2', now: new Date() });
  };
  expect(await tick()).toMatchObject({ finished: 1, failed: 0 });
  expect(moved).toBe(true);
  expect(one(cloud, 'reports', first)).toMatchObject({ status: 'closed', movedTo: 'comm-2' });
  expect(one(cloud, 'members', 'ao10')).toMatchObject({ communityId: 'comm-2', reportId: move, currentReport: { id: move, status: 'approved' } });
  expect(okData(await cloud.call('member', 'whoami', {}, 'ao10')).report).toMatchObject({ status: 'approved', communityId: 'comm-2' });
  // the move's own follow-up: its credit and notice, the member stays
  expect(await tick()).toMatchObject({ finished: 1, failed: 0 });
  expect(one(cloud, 'members', 'ao10')).toMatchObject({ communityId: 'comm-2', reportId: move });
  expect(entriesOf('ao10').map((e: any) => e.sourceId).sort()).toEqual([first, move].sort());
});
