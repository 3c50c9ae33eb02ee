/**
 * Cloud function `wish` (微心愿): the wish wall, claims (one live claim per wish, group and
 * anonymous), delivery with photos, receipt, community confirmation with points; residents send
 * wishes through a shared link. A daily timer reminds quiet claims and releases stale ones.
 */
import { wishContract } from '../../core/contracts/wish';
import { createFunction } from '../_lib/router';
import { adminList, confirm, save, verify, withdraw } from './admin';
import { acknowledge, claim, fulfil, get, join, mine, progress, release, submit, wall } from './member';
import { runWishTimers } from './timer';

export const main = createFunction(
  wishContract,
  { wall, get, mine, claim, join, progress, release, fulfil, acknowledge, confirm, adminList, save, verify, withdraw, submit },
  { onTimer: (_event, ctx) => runWishTimers(ctx) },
);
