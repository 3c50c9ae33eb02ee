import { z } from 'zod';
import { action, empty, type FunctionContract } from './envelope';

/** Contract of the `member` cloud function. */
export const memberContract = {
  ping: action(empty, z.object({ function: z.literal('member') })),
} satisfies FunctionContract;
