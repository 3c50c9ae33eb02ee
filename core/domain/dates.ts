/**
 * Dates as stored and as sent: the one `toDate` (a stored date comes back from the SDK as a Date,
 * but seeds, exports and older documents may hold an ISO string, a number or `{ $date }`) and the
 * one `iso` for answers.
 */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v === 'string' || typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  if (typeof v === 'object' && '$date' in v) return toDate((v as { $date: unknown }).$date);
  return null;
}

/** ISO text of a date (or of anything `toDate` understands), null when there is none. */
export const iso = (v: unknown): string | null => toDate(v)?.toISOString() ?? null;

/** Milliseconds of a stored date, 0 when there is none (for "changed since I read it" checks). */
export const timeOf = (v: unknown): number => toDate(v)?.getTime() ?? 0;
