/**
 * Cloud function `gongshi` (积分公示): members read their community's weekly 公示 of new points
 * (names masked) and may object to an item; the community admin rules 维持 / 调整 / 撤销. The daily
 * timer publishes, makes credits effective after the window and reminds of objections due; it takes
 * "now" from the trigger's `Time`, so tests and the local stack can move the clock.
 */
import { gongshiContract } from '../../core/contracts/gongshi';
import { toDate } from '../../core/domain/dates';
import { createFunction } from '../_lib/router';
import { objections, rule } from './admin';
import { list, object } from './member';
import { review, reviews } from './review';
import { runGongshi } from './timer';

export const main = createFunction(gongshiContract, { list, object, objections, rule, reviews, review }, {
  onTimer: (event, ctx) => runGongshi({ ...ctx, now: toDate(event.Time) ?? ctx.now }),
});
