/**
 * Service hours. Pure. Minutes come from sign-in / sign-out clipped to the task's window, in whole
 * minutes (rounded down), split by calendar day in China time, and capped per member per day across
 * all tasks (default 8 h) so a forgotten sign-out or overlapping tasks cannot inflate the record.
 */
export const DEFAULT_DAILY_CAP_MINUTES = 8 * 60;
/** China Standard Time, UTC+8, no daylight saving. */
export const TZ_OFFSET_MINUTES = 8 * 60;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** YYYY-MM-DD of an instant in China time. */
export function dayKey(at: Date | number, offsetMinutes = TZ_OFFSET_MINUTES): string {
  const t = (typeof at === 'number' ? at : at.getTime()) + offsetMinutes * MINUTE;
  return new Date(t).toISOString().slice(0, 10);
}

/** Start (UTC instant) of the China-time day `YYYY-MM-DD`. */
export function dayStart(day: string, offsetMinutes = TZ_OFFSET_MINUTES): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * MINUTE);
}

export interface Window { startAt: Date; endAt: Date }

/**
 * Whole minutes of [signInAt, signOutAt] inside the task window, per China-time day. The parts add up
 * to the whole minutes of the interval: each day gets the minutes whose end falls on it (counted from
 * the start of service), so a day boundary never loses a minute (61 s across 00:00 is 1 minute).
 */
export function minutesByDay(signInAt: Date, signOutAt: Date, window: Window, offsetMinutes = TZ_OFFSET_MINUTES): Record<string, number> {
  const from = Math.max(signInAt.getTime(), window.startAt.getTime());
  const to = Math.min(signOutAt.getTime(), window.endAt.getTime());
  const out: Record<string, number> = {};
  if (to <= from) return out;
  let cursor = from;
  while (cursor < to) {
    const day = dayKey(cursor, offsetMinutes);
    const nextDay = dayStart(day, offsetMinutes).getTime() + DAY;
    const end = Math.min(to, nextDay);
    // whole minutes completed by `end` minus those completed by `cursor`, both counted from `from`
    const part = Math.floor((end - from) / MINUTE) - Math.floor((cursor - from) / MINUTE);
    out[day] = (out[day] ?? 0) + part;
    cursor = end;
  }
  return out;
}

/** Total whole minutes served in the window (before the cap). */
export function serviceMinutes(signInAt: Date, signOutAt: Date, window: Window): number {
  return Object.values(minutesByDay(signInAt, signOutAt, window)).reduce((a, b) => a + b, 0);
}

/**
 * Apply the daily cap: `used` = minutes already confirmed that day from other tasks.
 * Returns the minutes to record per day (never negative).
 */
export function capByDay(perDay: Record<string, number>, used: Record<string, number>, capMinutes = DEFAULT_DAILY_CAP_MINUTES): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [day, minutes] of Object.entries(perDay)) {
    out[day] = Math.max(0, Math.min(minutes, capMinutes - (used[day] ?? 0)));
  }
  return out;
}

export function sumMinutes(perDay: Record<string, number>): number {
  return Object.values(perDay).reduce((a, b) => a + b, 0);
}
