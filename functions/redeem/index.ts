/**
 * Cloud function `redeem` (积分兑换): 可兑换分 beside 考核分, a community's catalogue, one-time
 * redeem codes handed over by an admin, cancel with one refund, district settings; an hourly timer
 * earns, lapses and expires (functions/redeem/timer.ts).
 */
import { redeemContract } from '../../core/contracts/redeem';
import { createFunction } from '../_lib/router';
import { adminItems, adminRedemptions, handOver, lookup, saveItem, setSettings, settings } from './admin';
import { cancel, catalogue, mine, redeem, showCode, summary } from './member';
import { runRedeemTimers } from './timer';

export const main = createFunction(
  redeemContract,
  { summary, catalogue, redeem, mine, showCode, cancel, lookup, handOver, adminItems, saveItem, adminRedemptions, settings, setSettings },
  { onTimer: (_event, ctx) => runRedeemTimers(ctx) },
);
