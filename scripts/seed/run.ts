/**
 * Seeds the emulator the current environment points at (sdkEnv: TCB_CONTEXT_CNFG …), through the
 * real wx-server-sdk. Run by `npm start` / startStack in a child process so the SDK's env never
 * leaks into the caller. Usage: EMULATOR_PORT=9909 tsx scripts/seed/run.ts [--now ISO]
 * Prints one JSON line `{"seed":…}` last, for the parent to read.
 */
import cloud from 'wx-server-sdk';
import { sdkEnv } from '../../emulator/env';
import { runSeed } from './index';

async function main() {
  if (!process.env.TCB_CONTEXT_CNFG) {
    const port = Number(process.env.EMULATOR_PORT ?? 9909);
    Object.assign(process.env, sdkEnv(port));
  }
  const i = process.argv.indexOf('--now');
  const now = i > 0 ? new Date(process.argv[i + 1]) : new Date();
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  const report = await runSeed(cloud.database(), { now, log: (l) => console.log(l) });
  console.log(JSON.stringify({ seed: report }));
}

main().catch((err) => {
  console.error('seed failed:', err instanceof Error ? err.stack : err);
  process.exit(1);
});
