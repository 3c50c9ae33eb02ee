import { createHmac } from 'node:crypto';
import { formatCode, parseCode, stepAt, verifyCode, STEP_MS, nextStepAt } from '../../core/domain/signinCode';
import { capByDay, dayKey, minutesByDay, serviceMinutes, sumMinutes } from '../../core/domain/hours';
import { distanceMeters, withinGeofence } from '../../core/domain/taskGeofence';
import { checkTaskTimes, overlaps, phaseOf, signInOpen } from '../../core/domain/taskRules';

const mac = (secret: string) => (taskId: string, step: number) => createHmac('sha256', secret).update(`${taskId}.${step}`).digest('hex');

describe('signinCode', () => {
  const now = new Date('2026-11-22T02:00:10Z');
  const step = stepAt(now);
  const good = formatCode('t1', step, mac('s')('t1', step));

  it('formats and parses', () => {
    expect(good).toMatch(/^SBD1\.t1\.\d+\.[0-9a-f]{16}$/);
    expect(parseCode(good)).toEqual({ taskId: 't1', step, mac: good.split('.')[3] });
    expect(parseCode('hello')).toBeNull();
    expect(parseCode('SBD1.t.1.XYZ')).toBeNull();
  });
  it('accepts the current and previous step only', () => {
    expect(verifyCode(parseCode(good), now, mac('s'))).toBe('ok');
    expect(verifyCode(parseCode(good), new Date(now.getTime() + STEP_MS), mac('s'))).toBe('ok');
    expect(verifyCode(parseCode(good), new Date(now.getTime() + 2 * STEP_MS), mac('s'))).toBe('expired');
    expect(verifyCode(parseCode(good), new Date(now.getTime() - STEP_MS), mac('s'))).toBe('future');
  });
  it('refuses forged and other-task codes', () => {
    expect(verifyCode(parseCode(good), now, mac('other'))).toBe('forged');
    expect(verifyCode(parseCode(good.replace('t1', 't2')), now, mac('s'))).toBe('forged');
    expect(verifyCode(parseCode(good), now, mac('s'), 't2')).toBe('other_task');
    expect(verifyCode(null, now, mac('s'))).toBe('malformed');
  });
  it('tells when to renew', () => {
    expect(nextStepAt(step).getTime() - now.getTime()).toBeLessThanOrEqual(STEP_MS);
  });
});

describe('hours', () => {
  const w = { startAt: new Date('2026-11-22T01:00:00Z'), endAt: new Date('2026-11-22T04:00:00Z') };
  it('clips to the window and rounds down to whole minutes', () => {
    expect(serviceMinutes(new Date('2026-11-22T00:30:00Z'), new Date('2026-11-22T05:00:00Z'), w)).toBe(180);
    expect(serviceMinutes(new Date('2026-11-22T01:10:30Z'), new Date('2026-11-22T02:00:59Z'), w)).toBe(50);
    expect(serviceMinutes(new Date('2026-11-22T05:00:00Z'), new Date('2026-11-22T06:00:00Z'), w)).toBe(0);
  });
  it('splits by China-time day', () => {
    const long = { startAt: new Date('2026-11-22T14:00:00Z'), endAt: new Date('2026-11-22T18:00:00Z') };
    expect(minutesByDay(long.startAt, long.endAt, long)).toEqual({ '2026-11-22': 120, '2026-11-23': 120 });
    expect(dayKey(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });
  it('caps per day across tasks', () => {
    expect(capByDay({ d: 300 }, { d: 240 })).toEqual({ d: 240 });
    expect(capByDay({ d: 600 }, {})).toEqual({ d: 480 });
    expect(capByDay({ d: 60 }, { d: 500 })).toEqual({ d: 0 });
    expect(capByDay({ d: 600 }, {}, 300)).toEqual({ d: 300 });
    expect(sumMinutes({ a: 1, b: 2 })).toBe(3);
  });
});

describe('geofence', () => {
  it('measures distance with haversine', () => {
    // 0.001° latitude ≈ 111 m
    expect(distanceMeters({ lat: 30, lng: 120 }, { lat: 30.001, lng: 120 })).toBeCloseTo(111.2, 0);
    expect(withinGeofence({ lat: 30, lng: 120, radius: 200 }, { lat: 30.001, lng: 120 })).toBe(true);
    expect(withinGeofence({ lat: 30, lng: 120, radius: 100 }, { lat: 30.001, lng: 120 })).toBe(false);
    expect(withinGeofence({ lat: 30, lng: 120, radius: null }, { lat: 31, lng: 120 })).toBe(true);
  });
});

describe('task rules', () => {
  const t = { status: 'published' as const, startAt: new Date(10 * 3_600_000), endAt: new Date(12 * 3_600_000), signupDeadline: new Date(9 * 3_600_000) };
  it('derives the phase from time', () => {
    expect(phaseOf(t, new Date(9 * 3_600_000))).toBe('published');
    expect(phaseOf(t, new Date(10 * 3_600_000))).toBe('in_progress');
    expect(phaseOf(t, new Date(12 * 3_600_000))).toBe('ended');
    expect(phaseOf({ ...t, status: 'finished' }, new Date(0))).toBe('finished');
  });
  it('opens sign-in 30 min before start until the end', () => {
    expect(signInOpen(t, new Date(10 * 3_600_000 - 30 * 60_000))).toBe(true);
    expect(signInOpen(t, new Date(10 * 3_600_000 - 30 * 60_000 - 1))).toBe(false);
    expect(signInOpen(t, new Date(12 * 3_600_000))).toBe(true);
    expect(signInOpen(t, new Date(12 * 3_600_000 + 1))).toBe(false);
  });
  it('checks times and overlaps', () => {
    expect(checkTaskTimes(t)).toBeNull();
    expect(checkTaskTimes({ ...t, endAt: t.startAt })).toMatch('结束时间');
    expect(checkTaskTimes({ ...t, signupDeadline: new Date(11 * 3_600_000) })).toMatch('报名截止');
    expect(overlaps(t, { startAt: new Date(11 * 3_600_000), endAt: new Date(13 * 3_600_000) })).toBe(true);
    expect(overlaps(t, { startAt: t.endAt, endAt: new Date(13 * 3_600_000) })).toBe(false);
  });
});
