import { z } from 'zod';
import { action, empty, type FunctionContract } from './envelope';

/** Contract of the `org` cloud function. */
export const orgContract = {
  ping: action(empty, z.object({ function: z.literal('org') })),
} satisfies FunctionContract;
