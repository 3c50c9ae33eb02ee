/**
 * `npm start`: the whole product offline on 127.0.0.1.
 *  - builds the function bundles that are missing or stale (cloudfunctions/<name>/index.js);
 *  - builds the h5 app only when dist-h5/index.html is missing (`npm run build:h5`);
 *  - starts the database emulator (DATA_DIR, default .data/; EMULATOR_PORT, default 9909) and the
 *    gateway (PORT, default 8080) serving the h5 app and /api/<function>;
 *  - seeds demo data on the first start (empty data dir); `npm run reset` wipes it.
 * Ctrl-C (SIGINT) / SIGTERM shut down cleanly (the database journal is closed).
 * Flags: --no-h5 (serve only /api and /__emulator; no h5 build). PORT=0 / EMULATOR_PORT=0 pick free ports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './build-functions';
import { expectedCounts } from './seed/data';
import { demoUsers } from '../core/demo/users';
import { startStack } from './stack';

function buildH5IfMissing() {
  const index = path.join(ROOT, 'dist-h5', 'index.html');
  if (fs.existsSync(index)) return;
  console.log('h5 app not built yet: running `npx taro build --type h5` (about half a minute)…');
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' } });
  if (r.status !== 0 || !fs.existsSync(index)) {
    console.warn('⚠ h5 build failed: /api still works, the app page will say it is not built. Fix and run `npm run build:h5`.');
  }
}

async function main() {
  const port = Number(process.env.PORT ?? 8080);
  const emulatorPort = Number(process.env.EMULATOR_PORT ?? 9909);
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'));
  const started = Date.now();

  // --no-h5: API only (tests, or while the app is being built elsewhere)
  const withH5 = !process.argv.includes('--no-h5');
  if (withH5) buildH5IfMissing();
  const stack = await startStack({
    port,
    emulatorPort,
    dataDir,
    seed: true,
    staticDir: withH5 ? path.join(ROOT, 'dist-h5') : null,
    onLog: (e) => {
      if (e.kind === 'output') console.log(`  [${e.fn}] ${e.message}`);
      else if (e.kind === 'timer') console.log(`⏰ ${e.fn}/${e.action} → ${e.outcome} ${e.ms ?? ''} ms${e.message ? ` ${e.message}` : ''}`);
      else if (e.outcome !== 'ok') console.log(`✗ ${e.fn}.${e.action ?? '?'} (${e.openid ?? 'no identity'}) → ${e.outcome}: ${e.message ?? ''}`);
      else if (process.env.VERBOSE) console.log(`✓ ${e.fn}.${e.action ?? '?'} (${e.openid ?? '-'}) ${e.ms} ms`);
    },
  });

  const counts = expectedCounts();
  console.log('');
  console.log(`双报到 local stack is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  app        ${stack.url}/`);
  console.log(`  functions  POST ${stack.url}/api/<function>  body { action, data }  header x-dev-openid`);
  console.log(`  outbox     ${stack.url}/__emulator/outbox   (subscribe messages sent)`);
  console.log(`  consent    POST ${stack.url}/__emulator/subscribe { openid, templateIds }`);
  console.log(`  database   ${stack.emulatorUrl} (data in ${path.relative(ROOT, stack.dataDir) || stack.dataDir}/)`);
  if (stack.seeded) {
    console.log(`  seeded     ${counts.orgs} orgs, ${counts.units} units, ${counts.members} people, ${counts.reports} reports (${counts.approved} approved, ${counts.pending} pending)`);
    for (const line of stack.seedLog) console.log(`             ${line}`);
  } else {
    console.log('  data       kept from the last run (npm run reset to start over)');
  }
  console.log('');
  console.log('Demo users (switch in the app, or send x-dev-openid):');
  for (const u of demoUsers) console.log(`  ${u.openid.padEnd(18)} ${u.label}\n  ${''.padEnd(18)} → ${u.hint}`);
  console.log('  demo-member-2 … demo-member-60: ordinary members');
  console.log('\nCtrl-C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') console.error('A port is taken: set PORT / EMULATOR_PORT, or stop the other `npm start`.');
  process.exit(1);
});
