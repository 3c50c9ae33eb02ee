/**
 * Cloud function `pledge` (承诺践诺): members' yearly pledges, the community's review and wall,
 * automatic progress, year-end review with points; a daily timer sends reminders.
 */
import { pledgeContract } from '../../core/contracts/pledge';
import { createFunction } from '../_lib/router';
import { adminList, decide, review } from './admin';
import { addEvidence, linkOptions, mine, rate, remove, save, selfEvaluate, wall } from './member';
import { remindPledges } from './timer';

export const main = createFunction(
  pledgeContract,
  { mine, save, remove, addEvidence, linkOptions, selfEvaluate, rate, wall, adminList, decide, review },
  { onTimer: (_event, ctx) => remindPledges(ctx) },
);

