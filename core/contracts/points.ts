import { z } from 'zod';
import { action, empty, type FunctionContract } from './envelope';

/** Contract of the `points` cloud function. */
export const pointsContract = {
  ping: action(empty, z.object({ function: z.literal('points') })),
} satisfies FunctionContract;
