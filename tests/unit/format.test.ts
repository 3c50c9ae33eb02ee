import { china, chinaToday, chinaYear, fmtClock, fmtDate, fmtDateTime, fmtMinutes, fmtMonthDayTime, fmtRange, fromChina } from '../../core/format';

// 2026-11-22 16:30 UTC is 2026-11-23 00:30 in China: every name must read the China-time day.
const LATE = '2026-11-22T16:30:00.000Z';

describe('format (China time on dayjs)', () => {
  it('formats instants in China time whatever the process time zone', () => {
    expect(fmtDate(LATE)).toBe('2026-11-23');
    expect(fmtDateTime(LATE)).toBe('2026-11-23 00:30');
    expect(fmtMonthDayTime(new Date(LATE))).toBe('11-23 00:30');
    expect(fmtClock(Date.parse(LATE))).toBe('00:30');
    expect(china(LATE).hour()).toBe(0);
  });

  it('renders nothing for a missing or broken instant', () => {
    expect(fmtDateTime(null)).toBe('');
    expect(fmtDateTime(undefined)).toBe('');
    expect(fmtDate('not a date')).toBe('');
  });

  it('shows a range on one day or across days', () => {
    expect(fmtRange('2026-12-01T01:00:00Z', '2026-12-01T03:00:00Z')).toBe('12-01 09:00–11:00');
    expect(fmtRange('2026-12-01T01:00:00Z', '2026-12-01T16:00:00Z')).toBe('12-01 09:00 – 12-02 00:00');
  });

  it('reads a China-time day and clock back into the instant', () => {
    expect(fromChina('2026-11-23', '00:30')).toBe(LATE);
    expect(fmtDateTime(fromChina('2026-01-01', '08:00'))).toBe('2026-01-01 08:00');
  });

  it('turns days and years over at China-time midnight', () => {
    expect(chinaYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(chinaYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(chinaToday(0, LATE)).toBe('2026-11-23');
    expect(chinaToday(1, LATE)).toBe('2026-11-24');
  });

  it('says durations in hours and minutes', () => {
    expect(fmtMinutes(150)).toBe('2 小时 30 分钟');
    expect(fmtMinutes(120)).toBe('2 小时');
    expect(fmtMinutes(45)).toBe('45 分钟');
    expect(fmtMinutes(0)).toBe('0 分钟');
  });
});
