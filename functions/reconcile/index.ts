/**
 * `reconcile` cloud function: nightly (config.json timer) recomputation of balances from ledger
 * entries; see run.ts for what it does with drift. `run` starts it by hand (super / district admin).
 */
import { fail } from '../../core/contracts/errors';
import { reconcileContract } from '../../core/contracts/points';
import { grantsOf } from '../_lib/auth';
import { createFunction } from '../_lib/router';
import { reconcile } from './run';

export const main = createFunction(reconcileContract, {
  run: async (input, ctx) => {
    const grants = await grantsOf(ctx);
    if (!grants.some((g) => g.role === 'super' || g.role === 'district')) fail('FORBIDDEN', '只有区级或超级管理员可以手动对账');
    return reconcile(ctx, { fix: input.fix, years: input.years, trigger: `manual:${ctx.openid}` });
  },
}, {
  onTimer: (event, ctx) => reconcile(ctx, { fix: true, trigger: event.TriggerName }),
});
