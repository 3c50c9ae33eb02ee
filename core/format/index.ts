/**
 * Every date, time and duration the app shows or keys by, in China time, on dayjs.
 * China Standard Time is UTC+8 with no daylight saving, so a fixed offset (dayjs `utc` plugin's
 * `utcOffset`) is exact and does not need the `timezone` plugin, which relies on `Intl` time-zone
 * data that some mini-program runtimes lack. One meaning per name:
 *
 *   fmtDate          2026-11-22          China-time calendar day (also the key of a day)
 *   fmtDateTime      2026-11-22 10:00
 *   fmtMonthDayTime  11-22 10:00         (lists where the year is obvious)
 *   fmtClock         10:00
 *   fmtRange         11-22 09:00–11:00   or 11-22 09:00 – 11-23 11:00 across days
 *   fmtMinutes       1 小时 30 分钟       a duration
 *   fromChina        ('2026-11-22', '10:00') → the instant, ISO
 *   chinaYear        2026                the China-time year of an instant
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China Standard Time, minutes east of UTC. */
export const CHINA_OFFSET_MINUTES = 8 * 60;

export type Instant = string | number | Date;

/** The instant as a dayjs in China time (now when omitted). */
export function china(at: Instant = Date.now()): Dayjs {
  return dayjs(at).utcOffset(CHINA_OFFSET_MINUTES);
}

/** '' for a missing or unreadable instant, so optional fields render nothing instead of "Invalid Date". */
function fmt(at: Instant | null | undefined, pattern: string): string {
  if (at === null || at === undefined || at === '') return '';
  const d = dayjs(at);
  return d.isValid() ? d.utcOffset(CHINA_OFFSET_MINUTES).format(pattern) : '';
}

/** 2026-11-22 */
export const fmtDate = (at: Instant | null | undefined): string => fmt(at, 'YYYY-MM-DD');
/** 2026-11-22 10:00 */
export const fmtDateTime = (at: Instant | null | undefined): string => fmt(at, 'YYYY-MM-DD HH:mm');
/** 11-22 10:00 */
export const fmtMonthDayTime = (at: Instant | null | undefined): string => fmt(at, 'MM-DD HH:mm');
/** 10:00 */
export const fmtClock = (at: Instant | null | undefined): string => fmt(at, 'HH:mm');

/** 11-22 09:00–11:00, or across days 11-22 09:00 – 11-23 11:00 */
export function fmtRange(start: Instant, end: Instant): string {
  return fmtDate(start) === fmtDate(end) ? `${fmtMonthDayTime(start)}–${fmtClock(end)}` : `${fmtMonthDayTime(start)} – ${fmtMonthDayTime(end)}`;
}

/** 90 → '1 小时 30 分钟', 45 → '45 分钟', 120 → '2 小时'. */
export function fmtMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (!h) return `${r} 分钟`;
  return r ? `${h} 小时 ${r} 分钟` : `${h} 小时`;
}

/** The instant (ISO) of a China-time day 'YYYY-MM-DD' and clock 'HH:mm'. */
export function fromChina(day: string, clock: string): string {
  return new Date(Date.parse(`${day}T${clock}:00+08:00`)).toISOString();
}

/** Today in China time, 'YYYY-MM-DD', `days` later (or earlier when negative). */
export function chinaToday(days = 0, now: Instant = Date.now()): string {
  return china(now).add(days, 'day').format('YYYY-MM-DD');
}

/** The China-time year of an instant (balances and caps turn over at China-time midnight, 1 January). */
export function chinaYear(at: Instant): number {
  return china(at).year();
}
