/** issue 11: per-day parts of a service add up to the whole minutes of the served interval. */
import { minutesByDay, serviceMinutes } from '../../core/domain/hours';

const window = { startAt: new Date('2026-11-21T00:00:00Z'), endAt: new Date('2026-11-23T00:00:00Z') };
// 00:00 China time on 2026-11-22 is 2026-11-21T16:00:00Z
const MIDNIGHT = Date.parse('2026-11-21T16:00:00Z');

test('61 seconds across midnight count 1 minute, not 0', () => {
  const from = new Date(MIDNIGHT - 30_000);
  const to = new Date(MIDNIGHT + 31_000);
  expect(serviceMinutes(from, to, window)).toBe(1);
  expect(minutesByDay(from, to, window)).toEqual({ '2026-11-21': 0, '2026-11-22': 1 });
});

test('the parts always sum to the whole minutes of the interval', () => {
  for (let i = 0; i < 200; i++) {
    const from = MIDNIGHT - Math.floor(Math.random() * 3 * 3_600_000);
    const to = MIDNIGHT + Math.floor(Math.random() * 3 * 3_600_000);
    expect(serviceMinutes(new Date(from), new Date(to), window)).toBe(Math.floor((to - from) / 60_000));
  }
});
