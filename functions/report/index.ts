import { reportContract } from '../../core/contracts/report';
import { createFunction } from '../_lib/router';
import { runFollowUps } from '../_shared/report-approval';
import { mine, resolveScene, submit, withdraw } from './member-report';
import { approve, pending, reject, roster } from './review';
import { posterCode } from './poster';
import { decideUnitReport, submitUnitReport, unitReports } from './unit-report';
import { remindUnreported } from './remind';
import { grids, setGrid } from './grid';

/**
 * `report`: member and unit reports (报到) to a community, approval, roster, poster code, reminders.
 * Its every-minute timer runs the follow-ups of approvals (notices, points), stopping new ones 6 s in
 * (the function's timeout is 10 s); what is left waits for the next tick.
 */
export const main = createFunction(reportContract, {
  resolveScene,
  submit,
  withdraw,
  mine,
  pending,
  approve,
  reject,
  roster,
  posterCode,
  submitUnitReport,
  unitReports,
  decideUnitReport,
  remindUnreported,
  grids,
  setGrid,
}, {
  onTimer: (_event, ctx) => runFollowUps(ctx, { until: Date.now() + 6_000 }),
});
