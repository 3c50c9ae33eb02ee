/**
 * `stats` cloud function: dashboards from per-scope, per-month aggregates (core/domain/stats.ts).
 * The hourly timer (config.json) rolls them up; `dashboard` reads them in five round trips.
 */
import { fail } from '../../core/contracts/errors';
import { statsContract } from '../../core/contracts/stats';
import { grantsOf } from '../_lib/auth';
import { createFunction } from '../_lib/router';
import { dashboard } from './dashboard';
import { exportIdle } from './export';
import { runRollup } from './rollup';
import { setThresholds } from './thresholds';

export const main = createFunction(statsContract, {
  dashboard,
  setThresholds,
  exportIdle,
  rollup: async (_input, ctx) => {
    const grants = await grantsOf(ctx);
    if (!grants.some((g) => g.role === 'super' || g.role === 'district')) fail('FORBIDDEN', '只有区级或超级管理员可以手动更新统计');
    const r = await runRollup(ctx);
    return { documents: r.documents, ms: r.ms, asOf: r.asOf.toISOString() };
  },
}, {
  // the trigger's own time is the clock, so a delayed or repeated tick computes the same hour
  onTimer: (event, ctx) => runRollup({ db: ctx.db, now: new Date(event.Time || ctx.now) }),
});
