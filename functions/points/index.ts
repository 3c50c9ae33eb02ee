/**
 * `points` cloud function (积分): a member's balance, history and rankings; admins' adjustments,
 * reversals and rules. All writes go through functions/_shared/ledger.ts.
 *
 * config.json sets a 10 s timeout: an adjustment or reversal that meets a conflicting transaction
 * backs off and retries (up to ~1.6 s of backoff on top of the SDK's own 3 retries), and the
 * platform counts a cold start against the timeout too.
 */
import { pointsContract } from '../../core/contracts/points';
import { createFunction } from '../_lib/router';
import { adjust, communityMembers, memberLedger, reverse } from './admin';
import { balance, history } from './mine';
import { ranking } from './ranking';
import { rules, setRules } from './rules';

export const main = createFunction(pointsContract, { balance, history, ranking, adjust, reverse, rules, setRules, communityMembers, memberLedger });
