import { china, fmtDate, fromChina } from '@core/format';
import type { Tone } from '../../components';
import type { PledgePhaseDto, PledgeTargetDto } from '@core/contracts/pledge';
import type { WishStatusDto } from '@core/contracts/wish';

export const pledgePhaseTone: Record<PledgePhaseDto, Tone> = {
  draft: 'muted', submitted: 'warning', returned: 'danger', public: 'primary', in_progress: 'info', due: 'warning',
  fulfilled: 'success', partly: 'info', unfulfilled: 'muted',
};

export const wishStatusTone: Record<WishStatusDto, Tone> = {
  reported: 'warning', open: 'primary', claimed: 'info', fulfilled: 'warning', confirmed: 'success', withdrawn: 'muted',
};

/** The unit a target's progress is counted in. */
export function unitOf(t: PledgeTargetDto): string {
  if (t.kind === 'hours') return '小时';
  if (t.kind === 'wishes') return '个';
  if (t.kind === 'manual') return t.unit;
  return '次';
}

/** `2026-12-31T15:59:59Z` → `2026-12-31` (China time). */
export const dateOf = (iso: string): string => fmtDate(iso);

/** `2026-12-31` (a China-time day) → the last millisecond of that day as ISO. */
export function endOfDay(day: string): string {
  return china(fromChina(day, '23:59')).endOf('minute').toISOString();
}

/** An id for one intended creation, so a double tap or a retry creates one thing. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
