import { z } from 'zod';
import { action, empty, type FunctionContract } from './envelope';

/** Contract of the `task` cloud function. */
export const taskContract = {
  ping: action(empty, z.object({ function: z.literal('task') })),
} satisfies FunctionContract;
