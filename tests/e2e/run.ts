/**
 * h5 end-to-end runner: `npm run test:e2e [-- filter]`.
 * Builds dist-h5/ if missing (or with --build), starts the local stack (gateway + seeded emulator on
 * free ports, temp data dir) via scripts/stack.ts, runs every tests/e2e/specs/*.spec.ts in order with
 * a fresh chromium, and ends with `N passed, N failed` alone on a line. Exit code 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeContexts, getLastPage, registry, screenshot, ROOT, setBaseUrl, setCurrentFile, setStore, startBrowser, stopBrowser } from './harness';

interface Stack {
  url: string;
  emulator: { store: Parameters<typeof setStore>[0] };
  close: () => Promise<void>;
}

async function startStack(dataDir: string): Promise<Stack> {
  const mod = (await import(path.join(ROOT, 'scripts/stack.ts'))) as {
    startStack: (o: { port: number; emulatorPort: number; dataDir: string; seed: boolean }) => Promise<Stack>;
  };
  return mod.startStack({ port: 0, emulatorPort: 0, dataDir, seed: true });
}

function buildH5IfNeeded(force: boolean): void {
  if (!force && fs.existsSync(path.join(ROOT, 'dist-h5/index.html'))) return;
  console.log('building h5 (dist-h5/) …');
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('h5 build failed');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const filter = args.find((a) => !a.startsWith('--'));
  buildH5IfNeeded(args.includes('--build'));

  const specDir = path.join(__dirname, 'specs');
  const files = fs.readdirSync(specDir).filter((f) => f.endsWith('.spec.ts')).sort();
  for (const f of files) {
    setCurrentFile(f);
    await import(path.join(specDir, f));
  }
  const tests = registry.filter((t) => !filter || `${t.file} ${t.name}`.includes(filter));

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-e2e-data-'));
  const started = Date.now();
  const stack = await startStack(dataDir);
  console.log(`stack at ${stack.url} (data ${dataDir})`);
  setBaseUrl(stack.url);
  setStore(stack.emulator.store);
  await startBrowser();

  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      const t0 = Date.now();
      try {
        await t.fn();
        passed++;
        console.log(`  ✓ ${t.file} › ${t.name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        const last = getLastPage();
        const shot = last ? await screenshot(last, `FAILED-${t.name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_')}`).catch(() => '') : '';
        console.log(`  ✗ ${t.file} › ${t.name} (${Date.now() - t0} ms)\n    ${String((err as Error)?.stack ?? err).split('\n').slice(0, 6).join('\n    ')}${shot ? `\n    screenshot: ${path.relative(ROOT, shot)}` : ''}`);
      } finally {
        await closeContexts();
      }
    }
  } finally {
    await stopBrowser();
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`e2e: ${tests.length} tests in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in artifacts/screenshots/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && tests.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
