/**
 * The seed registry: steps run in this order against a fresh environment.
 *
 * Adding a feature's demo data: create `scripts/seed/<name>.ts` exporting `step: SeedStep` and add
 * its name to FEATURE_STEPS (already listed: `tasks`, `points`). A listed file that does not exist
 * yet is skipped, so the registry never breaks while features are being written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { documents } from './data';
import { orgsStep } from './orgs';
import { peopleStep } from './people';
import type { SeedContext, SeedDb, SeedStep } from './types';

export type { SeedContext, SeedStep } from './types';
export { demoUsers } from '../../core/demo/users';

export const BASE_STEPS: SeedStep[] = [orgsStep, peopleStep];

/** Feature steps, in order; each is `scripts/seed/<name>.ts` exporting `step`. */
// history before gongshi: its past credits have been through their 公示 (effective) before letters and redeem read them
export const FEATURE_STEPS = ['tasks', 'points', 'reports', 'service', 'history', 'gongshi', 'letters', 'redeem', 'stats'];

function loadFeatureStep(name: string): SeedStep | null {
  const file = ['.ts', '.js'].map((ext) => path.join(__dirname, name + ext)).find((f) => fs.existsSync(f));
  if (!file) return null;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(file) as { step?: SeedStep; default?: SeedStep };
  const step = mod.step ?? mod.default;
  if (!step || typeof step.run !== 'function') throw new Error(`scripts/seed/${name}: export \`step: SeedStep\``);
  return step;
}

export function seedSteps(): SeedStep[] {
  return [...BASE_STEPS, ...FEATURE_STEPS.map(loadFeatureStep).filter((s): s is SeedStep => s !== null)];
}

export interface SeedReport { steps: Array<{ name: string; ms: number; counts?: Record<string, number> }> }

/** Runs every step with the real SDK database `db` (pointed at the emulator by the caller's env). */
export async function runSeed(db: SeedDb, opts: { now?: Date; log?: (line: string) => void } = {}): Promise<SeedReport> {
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => undefined);
  const ctx: SeedContext = { db, now, data: documents(now), log };
  const report: SeedReport = { steps: [] };
  for (const step of seedSteps()) {
    const started = Date.now();
    const counts = (await step.run(ctx)) ?? undefined;
    const ms = Date.now() - started;
    report.steps.push({ name: step.name, ms, counts });
    log(`seed ${step.name.padEnd(8)} ${ms} ms ${counts ? Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ') : ''}`);
  }
  return report;
}
