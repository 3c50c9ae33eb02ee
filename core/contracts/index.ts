/**
 * Every cloud function's contract, by function name. The mini-program's API client and the
 * functions' router both read this, so a request that type-checks on one side validates on the other.
 * Each function owns one file here; add actions there, not here.
 */
import './zh';
import { memberContract } from './member';
import { orgContract } from './org';
import { reportContract } from './report';
import { taskContract } from './task';
import { pointsContract } from './points';
import { notifyContract } from './notify';
import { recordContract } from './record';
import { pledgeContract } from './pledge';
import { wishContract } from './wish';
import { statsContract } from './stats';
import { redeemContract } from './redeem';
import { gongshiContract } from './gongshi';

export const contracts = {
  member: memberContract,
  org: orgContract,
  report: reportContract,
  task: taskContract,
  points: pointsContract,
  notify: notifyContract,
  record: recordContract,
  pledge: pledgeContract,
  wish: wishContract,
  stats: statsContract,
  redeem: redeemContract,
  gongshi: gongshiContract,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F] & string;

export * from './envelope';
export { AppError, fail } from './errors';
