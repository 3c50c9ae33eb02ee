/**
 * Cloud function `record` (记实档案): a member's service record as one timeline for the member,
 * their verified unit and their community. Each action lives in its own file.
 */
import { recordContract } from '../../core/contracts/record';
import { createFunction } from '../_lib/router';
import { timeline } from './timeline';

export const main = createFunction(recordContract, { timeline });
