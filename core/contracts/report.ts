import { z } from 'zod';
import { action, empty, type FunctionContract } from './envelope';

/** Contract of the `report` cloud function. */
export const reportContract = {
  ping: action(empty, z.object({ function: z.literal('report') })),
} satisfies FunctionContract;
