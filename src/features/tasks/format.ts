/** Display helpers for tasks: times in China time, whatever the device's zone. */
import { formatMinutes } from '@core/domain/hours';

const pad = (n: number) => String(n).padStart(2, '0');
function china(iso: string | Date): Date {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return new Date(d.getTime() + 8 * 3_600_000);
}

/** 12-01 09:00 */
export function fmtDateTime(iso: string | Date): string {
  const d = china(iso);
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
export function fmtTime(iso: string | Date): string {
  const d = china(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
/** 2026-12-01 */
export function fmtDay(iso: string | Date): string {
  return china(iso).toISOString().slice(0, 10);
}
/** 12-01 09:00–11:00, or across days 12-01 09:00 – 12-02 11:00 */
export function fmtRange(startIso: string, endIso: string): string {
  return fmtDay(startIso) === fmtDay(endIso) ? `${fmtDateTime(startIso)}–${fmtTime(endIso)}` : `${fmtDateTime(startIso)} – ${fmtDateTime(endIso)}`;
}
/** ISO from a China-time day and HH:mm */
export function fromChina(day: string, time: string): string {
  return new Date(Date.parse(`${day}T${time}:00+08:00`)).toISOString();
}
export const fmtMinutes = formatMinutes;

/** StatusTag key of a task phase (the shared tag names in-progress `ongoing`). */
export function phaseTag(phase: string): string {
  return phase === 'in_progress' ? 'ongoing' : phase === 'ended' ? 'pending' : phase;
}
