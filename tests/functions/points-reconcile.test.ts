/**
 * Randomized (seeded) history of credits, duplicates, adjustments and reversals, partly concurrent:
 * every balance equals the sum of its entries, reconciliation finds no drift; a balance corrupted
 * behind the ledger's back is found, recorded and repaired from the entries.
 */
import { decideReview } from '../../functions/_shared/review';
import { adjust, award, makeEffective, reverse, type AwardCause } from '../../functions/_shared/ledger';
import { AppError } from '../../core/contracts/errors';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { addAdmin, addMember, all, ledgerCtx, put, seedOrgs, settleAll } from './points.fixture';

let cloud: TestCloud;
beforeAll(async () => { cloud = await startTestCloud(); });
afterAll(() => cloud.stop());

/** mulberry32: small, seeded, good enough to pick test operations reproducibly */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const members = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
const causes: AwardCause[] = ['report', 'attendance', 'noshow', 'pledge'];

function checkBalancesEqualEntries(ledger: any[], balances: any[]) {
  const sums = new Map<string, { points: number; minutes: number; n: number; pending: number; effective: number; spendable: number }>();
  for (const e of ledger) {
    const k = `${e.year}:${e.openid}`;
    const s = sums.get(k) ?? { points: 0, minutes: 0, n: 0, pending: 0, effective: 0, spendable: 0 };
    s.points += e.amount; s.minutes += e.minutes; s.n++;
    s.pending += e.pending; s.effective += e.effective; s.spendable += e.spendable;
    expect(e.pending + e.effective).toBe(e.amount);
    sums.set(k, s);
  }
  expect(balances.map((b) => b._id).sort()).toEqual([...sums.keys()].sort());
  for (const b of balances) {
    const s = sums.get(b._id)!;
    expect({ id: b._id, points: b.points, minutes: b.minutes, entries: b.entries, pending: b.pending, effective: b.effective, spendable: b.spendable })
      .toEqual({ id: b._id, points: s.points, minutes: s.minutes, entries: s.n, pending: s.pending, effective: s.effective, spendable: s.spendable });
  }
}

const timer = { Type: 'Timer', TriggerName: 'nightly', Time: new Date().toISOString() };

test.each([20261122, 7])('seed %i: balances always equal the sum of their entries; reconcile finds drift only when there is some', async (seed) => {
  await cloud.wipe();
  seedOrgs(cloud);
  members.forEach((m, i) => addMember(cloud, m, { communityId: i % 2 ? 'c1' : 'c3', unitId: i < 3 ? 'u1' : null }));
  addAdmin(cloud, 'district', 'd1', 'boss');
  const rnd = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const ctx = ledgerCtx(cloud);
  // REVIEW_ENTRY: a held (待复核) or rejected hand-made entry counted nothing and cannot be reversed;
  // ALREADY_REVIEWED / REVIEW_NOT_FOUND: 复核 decisions racing each other or picking a non-held entry
  const expectedErrors = new Set(['ALREADY_REVERSED', 'CANNOT_REVERSE_REVERSAL', 'REVIEW_ENTRY', 'ALREADY_REVIEWED', 'REVIEW_NOT_FOUND', 'CONFLICT']);
  let reversals = 0;

  for (let round = 0; round < 12; round++) {
    const entries = await all<any>(cloud, 'ledger');
    const known = entries.map((e) => e._id);
    const held = entries.filter((e) => e.review === 'held').map((e) => e._id);
    const ops = Array.from({ length: 12 }, () => {
      const r = rnd();
      const openid = pick(members);
      const communityId = members.indexOf(openid) % 2 ? 'c1' : 'c3';
      // dates across two years and a few days, so both caps and year boundaries are in play
      const at = new Date(Date.UTC(pick([2025, 2026]), 5, 1 + Math.floor(rnd() * 3), 2));
      if (r < 0.6) return award(ctx, { openid, cause: pick(causes), sourceId: `s${Math.floor(rnd() * 8)}`, communityId, minutes: Math.floor(rnd() * 400), at, actor: 'boss' });
      if (r < 0.7) return adjust(ctx, { openid, amount: pick([-7, -2, 3, 15, 40]), reason: '随机调整', actor: 'boss', requestId: `q${Math.floor(rnd() * 20)}`, communityId });
      if (known.length === 0) return Promise.resolve();
      // 公示 windows passing: pending parts become effective (also racing reversals of the same entry)
      if (r < 0.8) return makeEffective(ctx, pick(known), 'timer');
      // adjustments above 20 are held for 复核: a second admin approves or rejects them (racing each other)
      if (r < 0.88) return decideReview({ ...ctx, now: new Date() }, { reviewId: pick(held.length ? held : known), decision: rnd() < 0.7 ? 'approve' : 'reject', reason: '随机复核', actor: pick(['boss2', 'boss3']) }, async () => undefined);
      return reverse(ctx, { entryId: pick(known), reason: '随机冲正', actor: 'boss' }).then(() => { reversals++; });
    });
    const settled = await Promise.allSettled(ops);
    for (const s of settled) {
      if (s.status === 'rejected') {
        expect(s.reason).toBeInstanceOf(AppError);
        expect(expectedErrors.has((s.reason as AppError).code)).toBe(true);
      }
    }
    checkBalancesEqualEntries(await all(cloud, 'ledger'), await all(cloud, 'balances'));
  }
  const ledger = await all<any>(cloud, 'ledger');
  expect(reversals).toBeGreaterThan(0);
  // the 复核 path ran: held adjustments were approved (and their credits posted) in the random run
  expect((await all<any>(cloud, 'ledger')).filter((e) => e.review === 'approved').length).toBeGreaterThan(0);
  const effects = ledger.filter((e) => e.cause === 'effect');
  expect(effects.length).toBeGreaterThan(0);
  expect(new Set(effects.map((e) => e.sourceId)).size).toBe(effects.length);
  expect(ledger.filter((e) => e.cause === 'reversal')).toHaveLength(reversals);
  // every reversed entry is reversed exactly once, and no reversal is reversed
  const reversedIds = ledger.filter((e) => e.cause === 'reversal').map((e) => e.reverses);
  expect(new Set(reversedIds).size).toBe(reversedIds.length);
  expect(ledger.filter((e) => e.cause === 'reversal' && reversedIds.includes(e._id))).toHaveLength(0);

  const clean = await cloud.invoke('reconcile', { ...timer, Time: new Date().toISOString() });
  expect(clean).toMatchObject({ entries: ledger.length, drifts: 0, fixed: 0, skipped: 0 });
  expect(clean.balances).toBe((await all(cloud, 'balances')).length);

  // corrupt one balance behind the ledger's back, and delete another
  const [victim, gone, shifted] = await all<any>(cloud, 'balances');
  put(cloud, 'balances', [{ ...victim, points: victim.points + 100 }, { ...shifted, pending: shifted.pending - 3, effective: shifted.effective + 3 }]);
  cloud.emulator.store.commit([{ c: 'balances', id: gone._id, doc: null }]);

  const reportOnly = await cloud.call('reconcile', 'run', { fix: false }, 'boss');
  expect(reportOnly).toMatchObject({ ok: true, data: { drifts: 3, fixed: 0 } });
  expect((await all<any>(cloud, 'balances', { _id: victim._id }))[0].points).toBe(victim.points + 100);

  const found = await cloud.invoke('reconcile', { ...timer, Time: new Date().toISOString() });
  expect(found).toMatchObject({ drifts: 3, fixed: 3 });
  const records = await all<any>(cloud, 'reconciliations', { kind: 'drift', runId: found.runId });
  expect(records.map((r) => r.balanceId).sort()).toEqual([victim._id, gone._id, shifted._id].sort());
  expect(records.find((r) => r.balanceId === shifted._id)).toMatchObject({ fields: ['pending', 'effective'], fixed: true });
  const rec = records.find((r) => r.balanceId === victim._id);
  expect(rec).toMatchObject({ fields: ['points'], fixed: true, stored: { points: victim.points + 100 }, derived: { points: victim.points } });
  checkBalancesEqualEntries(await all(cloud, 'ledger'), await all(cloud, 'balances'));
  // entries were never touched by any of this
  expect(await all(cloud, 'ledger')).toEqual(ledger);
  expect(await cloud.invoke('reconcile', timer)).toMatchObject({ drifts: 0 });
}, 60_000);

test('only super or district admins may run reconciliation by hand', async () => {
  addAdmin(cloud, 'community', 'c1', 'small');
  expect(await cloud.call('reconcile', 'run', {}, 'small')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('nightly run brings this year\'s balances to where the member is now (moved, unit confirmed)', async () => {
  await cloud.wipe();
  seedOrgs(cloud);
  addMember(cloud, 'mv', { communityId: 'c1' });
  put(cloud, 'members', [{ _id: 'pend', name: '待确认', communityId: 'c1', unitId: 'u1', unitStatus: 'pending' }]);
  const ctx = ledgerCtx(cloud);
  const at = new Date();
  await award(ctx, { openid: 'mv', cause: 'report', sourceId: 'r-mv', communityId: 'c1', at, actor: 'a' });
  await award(ctx, { openid: 'pend', cause: 'report', sourceId: 'r-p', communityId: 'c1', at, actor: 'a' });
  await settleAll(cloud);
  // a unit the member only applied to does not rank them yet
  expect((await all<any>(cloud, 'balances', { openid: 'pend' }))[0].unitId).toBeNull();

  put(cloud, 'members', [
    { _id: 'mv', name: '搬家的', communityId: 'c3', unitId: 'u1', unitStatus: 'verified' },
    { _id: 'pend', name: '待确认', communityId: 'c1', unitId: 'u1', unitStatus: 'verified' },
  ]);
  const r = await cloud.invoke('reconcile', timer);
  expect(r).toMatchObject({ drifts: 0, placesUpdated: 2 });
  const byId = Object.fromEntries((await all<any>(cloud, 'balances')).map((b) => [b.openid, b]));
  expect(byId.mv).toMatchObject({ communityId: 'c3', streetId: 's2', districtId: 'd1', unitId: 'u1', points: 10 });
  expect(byId.pend).toMatchObject({ communityId: 'c1', unitId: 'u1' });
  const ranking = await cloud.call('points', 'ranking', { scope: 'community' }, 'mv');
  expect(ranking.data).toMatchObject({ scopeId: 'c3', total: 1, mine: { rank: 1, points: 10 } });
  expect(await cloud.invoke('reconcile', timer)).toMatchObject({ drifts: 0, placesUpdated: 0 });
});
