/**
 * `points` cloud function (积分): a member's balance, history and rankings; admins' adjustments,
 * reversals and rules. All writes go through functions/_shared/ledger.ts.
 */
import { pointsContract } from '../../core/contracts/points';
import { createFunction } from '../_lib/router';
import { adjust, communityMembers, memberLedger, reverse } from './admin';
import { balance, history } from './mine';
import { ranking } from './ranking';
import { rules, setRules } from './rules';

export const main = createFunction(pointsContract, { balance, history, ranking, adjust, reverse, rules, setRules, communityMembers, memberLedger });
