import { lightOf, METRICS, valueOf, type Counters, type Light, type MetricDef, type Threshold } from '@core/domain/stats';

export type C = Record<string, number>;
export const asCounters = (c: C) => c as unknown as Counters;

export const KIND_LABEL = { district: '区', street: '街道', community: '社区', grid: '网格', unit: '单位' } as const;

/**
 * The metrics that mean something at this level: a unit has no tasks, wishes or lists of its own;
 * a grid only has its members (the units' 报到 is counted by community).
 */
export function metricsFor(kind: keyof typeof KIND_LABEL): MetricDef[] {
  if (kind === 'grid') return METRICS.filter((m) => m.d === 'reported');
  return METRICS.filter((m) => kind !== 'unit' || !m.territorial);
}

export interface Shown { text: string; frac: string; light: Light; value: number | null }

/** "63.6%" with "21/33"; "1.5 小时" with "总 90 小时 / 60 人"; no denominator → 暂无数据 (never a made-up 0). */
export function show(def: MetricDef, c: C, t?: Threshold): Shown {
  const v = valueOf(def, asCounters(c));
  const light = lightOf(v.value, t);
  if (v.value === null) return { text: '暂无数据', frac: def.kind === 'rate' ? `${v.n}/${v.d}` : `分母为 0`, light, value: null };
  if (def.kind === 'rate') return { text: `${(v.value * 100).toFixed(1)}%`, frac: `${v.n}/${v.d}`, light, value: v.value };
  const n = def.scale ? v.n * def.scale : v.n;
  const num = Math.round(n * 10) / 10;
  return { text: `${v.value.toFixed(1)} ${def.unit ?? ''}`, frac: `${num}${def.unit ?? ''} / ${v.d}${def.d === 'reported' ? ' 人' : ' 项'}`, light, value: v.value };
}

export const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}`;

/** event fired by the thresholds page after a save: an open dashboard reloads so its lights follow */
export const THRESHOLDS_SAVED = 'stats:thresholdsSaved';
