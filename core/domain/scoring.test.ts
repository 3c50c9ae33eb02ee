import { DEFAULT_RULE, baseAmount, computeAward, dayOf, describeCause, driftOf, isCapped, totalsOf, validateRule, yearOf } from './scoring';
import { applyEntry, effectIdOf, effectOf, emptyBalance, entryIdOf, entryProblem, placeFrom, reversalIdOf, reversalOf, samePlace, type LedgerEntry } from './ledger';

const rule = { ...DEFAULT_RULE };
const none = { dayEarned: 0, yearEarned: 0 };

describe('scoring: base amounts', () => {
  it('documents the defaults', () => {
    expect(DEFAULT_RULE).toEqual({
      report: 10, attendance: 5, perHour: 2, pledge: 5, pledgePartly: 2, wish: 5, pledgeMax: 3, noshow: -5,
      dailyCap: 30, yearlyCap: 1000, minMinutes: 1, gongshiDays: 5, objectionDays: 5, reviewAbove: 20,
    });
  });
  it('report, pledge and no-show are flat', () => {
    expect(baseAmount(rule, 'report')).toBe(10);
    expect(baseAmount(rule, 'pledge')).toBe(5);
    expect(baseAmount(rule, 'noshow')).toBe(-5);
  });
  it('attendance is flat plus pro rata per hour, rounded down', () => {
    expect(baseAmount(rule, 'attendance', 0)).toBe(0); // 0 minutes is no service (issue 11)
    expect(baseAmount(rule, 'attendance', 1)).toBe(5);
    expect(baseAmount({ ...rule, minMinutes: 30 }, 'attendance', 29)).toBe(0);
    expect(baseAmount(rule, 'attendance', 29)).toBe(5); // 0.97 point → 0
    expect(baseAmount(rule, 'attendance', 30)).toBe(6);
    expect(baseAmount(rule, 'attendance', 90)).toBe(8);
    expect(baseAmount(rule, 'attendance', 180)).toBe(11);
    expect(baseAmount(rule, 'attendance', -20)).toBe(0);
    expect(baseAmount({ ...rule, perHour: 3 }, 'attendance', 100)).toBe(10);
  });
});

describe('scoring: caps', () => {
  it('credits below the caps are whole', () => {
    expect(computeAward(rule, 'report', undefined, none)).toEqual({ amount: 10, base: 10, cappedBy: null, minutes: 0, capped: true });
  });
  it('the daily cap cuts a credit to the room left that day', () => {
    const a = computeAward(rule, 'attendance', 240, { dayEarned: 20, yearEarned: 20 });
    expect(a).toEqual({ amount: 10, base: 13, cappedBy: 'daily', minutes: 240, capped: true });
  });
  it('at the daily cap a credit earns 0 points but keeps its minutes', () => {
    const a = computeAward(rule, 'attendance', 60, { dayEarned: 30, yearEarned: 30 });
    expect(a.amount).toBe(0);
    expect(a.minutes).toBe(60);
  });
  it('the yearly cap applies when it is tighter', () => {
    const a = computeAward(rule, 'report', undefined, { dayEarned: 0, yearEarned: 996 });
    expect(a).toMatchObject({ amount: 4, cappedBy: 'yearly' });
    expect(computeAward(rule, 'report', undefined, { dayEarned: 0, yearEarned: 1000 }).amount).toBe(0);
  });
  it('the tighter of both caps wins', () => {
    expect(computeAward(rule, 'report', undefined, { dayEarned: 27, yearEarned: 995 })).toMatchObject({ amount: 3, cappedBy: 'daily' });
  });
  it('penalties are never capped and do not count as earned', () => {
    const a = computeAward(rule, 'noshow', undefined, { dayEarned: 30, yearEarned: 1000 });
    expect(a).toMatchObject({ amount: -5, capped: false, cappedBy: null });
    expect(isCapped('noshow')).toBe(false);
    expect(isCapped('adjust')).toBe(false);
    expect(isCapped('attendance')).toBe(true);
  });
  it('a totals state over the cap (after a rule change) never gives negative credits', () => {
    expect(computeAward({ ...rule, dailyCap: 10 }, 'report', undefined, { dayEarned: 25, yearEarned: 25 }).amount).toBe(0);
  });
});

describe('scoring: China-time days and years', () => {
  it('a new year starts at 00:00 in Beijing, 16:00 UTC the day before', () => {
    expect(yearOf(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(yearOf(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(dayOf(new Date('2025-12-31T16:00:00Z'))).toBe('0101');
    expect(dayOf(new Date('2026-03-05T02:00:00Z'))).toBe('0305');
  });
});

describe('scoring: rules validation and wording', () => {
  it('accepts the defaults and refuses nonsense', () => {
    expect(validateRule(rule)).toBeNull();
    expect(validateRule({ ...rule, noshow: 5 })).toMatch(/负数/);
    expect(validateRule({ ...rule, report: 1.5 })).toMatch(/整数/);
    expect(validateRule({ ...rule, dailyCap: 2000 })).toMatch(/上限/);
    expect(validateRule({ ...rule, perHour: -1 })).toMatch(/负数/);
  });
  it('describes causes in Chinese', () => {
    expect(describeCause('report')).toBe('社区报到审核通过');
    expect(describeCause('adjust', { reason: '补录活动' })).toBe('管理员调整：补录活动');
    expect(describeCause('attendance', { cappedBy: 'daily' })).toContain('每日上限');
  });
});

describe('ledger shapes', () => {
  const now = new Date('2026-05-01T04:00:00Z');
  const entry: LedgerEntry = {
    _id: entryIdOf('attendance', 't1', 'o1'), openid: 'o1', year: 2026, day: '0501', amount: 9, minutes: 120, cause: 'attendance',
    sourceId: 't1', communityId: 'c1', ruleId: 'default', ruleVersion: 0, capped: true, base: 9, cappedBy: null,
    actor: 'a1', reason: null, reverses: null, pending: 9, effective: 0, spendable: 0, at: now, createdAt: now,
  };
  it('ids derive from the cause', () => {
    expect(entry._id).toBe('attendance:t1:o1');
    expect(reversalIdOf(entry._id)).toBe('reversal:attendance:t1:o1');
  });
  it('a reversal nets the original out of points, minutes, caps and days', () => {
    const b1 = applyEntry(emptyBalance(2026, 'o1', now), entry, now);
    expect(b1).toMatchObject({ points: 9, minutes: 120, earned: 9, days: { '0501': 9 }, entries: 1 });
    const rev = reversalOf(entry, 'a2', '误记', now);
    expect(rev).toMatchObject({ amount: -9, minutes: -120, cause: 'reversal', reverses: entry._id, reason: '误记', actor: 'a2' });
    const b2 = applyEntry(b1, rev, now);
    expect(b2).toMatchObject({ points: 0, minutes: 0, earned: 0, days: {}, entries: 2, pending: 0, effective: 0 });
  });
  it('a credit is pending until its effect entry moves it; a later reversal takes it from effective', () => {
    const b1 = applyEntry(emptyBalance(2026, 'o1', now), entry, now);
    expect(b1).toMatchObject({ points: 9, pending: 9, effective: 0 });
    const eff = effectOf(entry, 'timer', now);
    expect(entryProblem(eff)).toBeNull();
    expect(eff).toMatchObject({ _id: effectIdOf(entry._id), amount: 0, pending: -9, effective: 9 });
    const b2 = applyEntry(b1, eff, now);
    expect(b2).toMatchObject({ points: 9, pending: 0, effective: 9 });
    const rev = reversalOf(entry, 'a2', '误记', now, true);
    expect(applyEntry(b2, rev, now)).toMatchObject({ points: 0, pending: 0, effective: 0 });
    expect(entryProblem({ ...entry, pending: 5 })).toMatch(/之和/);
  });
  it('totals and drift: a balance equals the sum of its entries', () => {
    const rev = reversalOf(entry, 'a2', '误记', now);
    const noshow = { amount: -5, minutes: 0, capped: false, day: '0502' };
    const t = totalsOf([entry, rev, noshow]);
    expect(t).toEqual({ points: -5, minutes: 0, earned: 0, days: { '0501': 0 }, pending: 0, effective: -5, spendable: 0 });
    expect(driftOf({ points: -5, minutes: 0, earned: 0, days: {} }, t)).toEqual([]);
    expect(driftOf({ points: -5, minutes: 0, earned: 0, days: {}, pending: -5, effective: 0 }, t)).toEqual(['pending', 'effective']);
    expect(driftOf({ points: 4, minutes: 0, earned: 0, days: {} }, t)).toEqual(['points', 'effective']);
    expect(driftOf({ points: -5, minutes: 0, earned: 0, days: { '0501': 3 } }, t)).toEqual(['days']);
  });
});

describe('balance place', () => {
  it('ranks a member in their unit only once the unit confirmed them', () => {
    expect(placeFrom({ unitId: 'u1', unitStatus: 'pending' }, 'c1', ['d1', 's1'])).toEqual({ communityId: 'c1', unitId: null, streetId: 's1', districtId: 'd1' });
    expect(placeFrom({ unitId: 'u1', unitStatus: 'verified' }, 'c1', ['d1', 's1']).unitId).toBe('u1');
    expect(placeFrom({ unitId: 'u1' }, null, undefined)).toEqual({ communityId: null, unitId: 'u1', streetId: null, districtId: null });
    expect(samePlace(placeFrom(null, 'c1', ['d1', 's1']), { communityId: 'c1', streetId: 's1', districtId: 'd1' })).toBe(true);
    expect(samePlace(placeFrom(null, 'c1', ['d1', 's1']), { communityId: 'c2', streetId: 's1', districtId: 'd1' })).toBe(false);
  });
});
