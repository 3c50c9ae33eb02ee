import type { documents } from './data';

type Cloud = typeof import('wx-server-sdk');
export type SeedDb = ReturnType<Cloud['database']>;

/** What every seed step gets. Steps write through the real SDK (`db`) against the emulator. */
export interface SeedContext {
  db: SeedDb;
  /** the seed's "now": every date is relative to it, so a reseed is reproducible */
  now: Date;
  /** the base data set (orgs, units, admins, members, reports) as written by the first steps */
  data: ReturnType<typeof documents>;
  log: (line: string) => void;
}

export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void | Record<string, number>>;
}
