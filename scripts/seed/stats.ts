/** Rolls the dashboards up once after every other step, so they show data right after a seed (the hourly timer keeps them fresh). */
import { runRollup } from '../../functions/stats/rollup';
import type { SeedStep } from './types';

export const step: SeedStep = {
  name: 'stats',
  async run({ db, now }) {
    const r = await runRollup({ db, now });
    return { statsMonths: r.documents };
  },
};
