import { addWorkingDays } from './gongshi';
import { isWorkingDay } from './holidays';

const china = (s: string) => new Date(`${s}+08:00`);

test('public holidays are not working days; 调休 weekend days are', () => {
  expect(isWorkingDay('2026-10-05', 1)).toBe(false); // 国庆, a Monday
  expect(isWorkingDay('2026-10-10', 6)).toBe(true); // 调休 Saturday
  expect(isWorkingDay('2026-09-20', 0)).toBe(true); // 调休 Sunday
  expect(isWorkingDay('2026-11-28', 6)).toBe(false); // an ordinary Saturday
  expect(isWorkingDay('2027-02-08', 1)).toBe(false); // 春节 2027 (statutory day)
});

test('the 公示 window skips public holidays and counts 调休 days', () => {
  // published Thursday 2026-09-24 with 5 days: 24, (中秋 25–27 off), 28, 29, 30, (国庆 1–7 off), 8 → ends 10-09 00:00
  expect(addWorkingDays(china('2026-09-24T09:00:00'), 5)).toEqual(china('2026-10-09T00:00:00'));
  // published Friday 2026-09-18 with 3 days: 18, Sunday 20 (调休), 21 → ends 09-22 00:00
  expect(addWorkingDays(china('2026-09-18T09:00:00'), 3)).toEqual(china('2026-09-22T00:00:00'));
  // an ordinary week is unchanged: Monday + 5 → Saturday 00:00
  expect(addWorkingDays(china('2026-11-23T01:00:00'), 5)).toEqual(china('2026-11-28T00:00:00'));
});
