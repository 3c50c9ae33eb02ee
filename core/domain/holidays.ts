/**
 * Chinese public holidays and 调休 working days, as data (used by the 公示 window: working days).
 *
 * 2026: the State Council's arrangement (国务院办公厅关于2026年部分节假日安排的通知): days off and the
 * weekend days worked instead (调休上班). 2027: the notice is not in this table yet — only the
 * statutory holidays themselves (全国年节及纪念日放假办法) are listed, without 调休; replace the 2027
 * rows when the notice is published. A new year is one more row per day: bump HOLIDAYS_VERSION.
 */
export const HOLIDAYS_VERSION = '2026-notice+2027-statutory';

/** days off that fall on Monday–Friday or anywhere (weekends listed too: harmless) */
const OFF: Record<number, string[]> = {
  2026: [
    '01-01', '01-02', '01-03', // 元旦
    '02-15', '02-16', '02-17', '02-18', '02-19', '02-20', '02-21', '02-22', '02-23', // 春节
    '04-04', '04-05', '04-06', // 清明节
    '05-01', '05-02', '05-03', '05-04', '05-05', // 劳动节
    '06-19', '06-20', '06-21', // 端午节
    '09-25', '09-26', '09-27', // 中秋节
    '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07', // 国庆节
  ],
  2027: [
    '01-01', // 元旦
    '02-05', '02-06', '02-07', '02-08', // 春节（除夕至初三）
    '04-05', // 清明节
    '05-01', '05-02', // 劳动节
    '06-09', // 端午节
    '09-15', // 中秋节
    '10-01', '10-02', '10-03', // 国庆节
  ],
};

/** weekend days that are working days (调休上班) */
const WORKED: Record<number, string[]> = {
  2026: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  2027: [],
};

const toSet = (table: Record<number, string[]>) => new Set(Object.entries(table).flatMap(([y, days]) => days.map((d) => `${y}-${d}`)));
const OFF_DAYS = toSet(OFF);
const WORKED_DAYS = toSet(WORKED);

/**
 * Is the China-time day `YYYY-MM-DD` (weekday 0 = Sunday … 6 = Saturday) a working day?
 * A 调休 weekend day is; a public holiday is not; otherwise Monday–Friday.
 */
export function isWorkingDay(day: string, weekday: number): boolean {
  if (WORKED_DAYS.has(day)) return true;
  if (OFF_DAYS.has(day)) return false;
  return weekday !== 0 && weekday !== 6;
}
