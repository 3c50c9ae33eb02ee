/**
 * `npm test`: everything CI checks, failing fast. Two lanes run side by side first, because each
 * keeps about one core busy and the machine has two:
 *   lane A: 1 build functions  2 lint  3 typecheck  4 jest unit/emulator/functions (one jest worker)
 *   lane B: 5 build weapp  6 WeChat's wcc/wcsc on it  7 build h5
 * then, in order: 8 jest weapp (real compiled pages)  9 size budget  10 h5 first-load budget
 * 11 e2e (chromium). Lane B's output is printed when each of its steps ends.
 * `npm test -- --from 8` starts at step 8 (e.g. after fixing a later step); `--serial` runs every
 * step alone (to time each part without the other lane's load).
 * Each step prints a header and its time; the last line is `N passed, N failed` (tests counted
 * from jest and the e2e runner; lint, typecheck, builds and the budget count as one check each).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const started = Date.now();

interface Step {
  name: string;
  cmd: string[];
  /** read test counts from the output (jest / e2e summary lines) */
  counts?: 'jest' | 'e2e';
  env?: Record<string, string>;
  /** 'A' / 'B': the two lanes that run side by side; unset: after both, in order */
  lane?: 'A' | 'B';
}

const steps: Step[] = [
  // first in lane A: jest's `npm start` test builds missing bundles into the same folder
  { name: 'build cloud functions', cmd: ['npm', 'run', '--silent', 'build:functions'], lane: 'A' },
  { name: 'lint (eslint)', cmd: ['npx', 'eslint', '.'], lane: 'A' },
  { name: 'typecheck (tsc)', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'], lane: 'A' },
  { name: 'jest: unit, emulator, functions', cmd: ['npx', 'jest', '--ci', '--forceExit', '--maxWorkers=1', '--selectProjects', 'unit', 'emulator', 'functions'], counts: 'jest', lane: 'A' },
  { name: 'build weapp (dist/)', cmd: ['npx', 'taro', 'build', '--type', 'weapp'], env: { NODE_ENV: 'production' }, lane: 'B' },
  { name: 'WeChat compilers: wcc + wcsc on dist/', cmd: ['npx', 'tsx', 'scripts/wechat-compile.ts'], lane: 'B' },
  { name: 'build h5 (dist-h5/)', cmd: ['npx', 'taro', 'build', '--type', 'h5'], env: { NODE_ENV: 'production' }, lane: 'B' },
  { name: 'jest: weapp pages (miniprogram-simulate)', cmd: ['npx', 'jest', '--ci', '--forceExit', '--selectProjects', 'weapp'], counts: 'jest' },
  { name: 'size budget', cmd: ['npx', 'tsx', 'scripts/size-budget.ts'] },
  { name: 'h5 first-load budget (chromium)', cmd: ['npx', 'tsx', 'scripts/h5-first-load.ts'] },
  { name: 'e2e: h5 in chromium', cmd: ['npx', 'tsx', 'tests/e2e/run.ts'], counts: 'e2e' },
];

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const running = new Set<ChildProcess>();
let stopping = false;

/** Runs one step; `live` streams its output, otherwise it is printed when the step ends. */
function run(step: Step, live: boolean): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    // its own process group, so a failure in the other lane can stop the whole tree
    const child = spawn(step.cmd[0], step.cmd.slice(1), { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...step.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let out = '';
    const quietBuild = step.name.startsWith('build');
    const onData = (d: Buffer) => {
      const s = d.toString();
      out += s;
      // builds print progress bars; keep their output for failures only
      if (live && !quietBuild) process.stdout.write(s);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code: code ?? 1, out });
    });
  });
}

function stopOthers(): void {
  stopping = true;
  for (const c of running) if (c.pid) try { process.kill(-c.pid, 'SIGTERM'); } catch { /* already gone */ }
}

/** Tests counted from a step's output; a step without counts is one check. */
function count(step: Step, code: number, out: string): { passed: number; failed: number } {
  if (step.counts === 'jest') {
    const line = out.match(/^Tests:.*$/m)?.[0] ?? '';
    const passed = Number(line.match(/(\d+) passed/)?.[1] ?? 0);
    const failed = Number(line.match(/(\d+) failed/)?.[1] ?? 0);
    if (passed + failed > 0) return { passed, failed: failed || (code ? 1 : 0) };
  }
  if (step.counts === 'e2e') {
    const m = out.match(/^(\d+) passed, (\d+) failed$/m);
    if (m) return { passed: Number(m[1]), failed: Number(m[2]) || (code ? 1 : 0) };
  }
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

let passed = 0;
let failed = 0;
const report = new Map<number, string>();

/** Runs steps one after another; false when one failed (or another lane failed). */
async function runSteps(list: Step[], live: boolean, from: number): Promise<boolean> {
  for (const step of list) {
    const n = steps.indexOf(step) + 1;
    if (n < from) {
      report.set(n, `skip ${step.name}`);
      continue;
    }
    if (stopping) return false;
    if (live) console.log(`\n━━━ [${n}/${steps.length}] ${step.name} ━━━`);
    const t0 = Date.now();
    const { code, out } = await run(step, live);
    if (stopping && code !== 0) return false; // stopped by the other lane: not this step's failure
    const c = count(step, code, out);
    passed += c.passed;
    failed += c.failed;
    report.set(n, `${code === 0 ? 'ok  ' : 'FAIL'} ${step.name.padEnd(44)} ${secs(Date.now() - t0).padStart(8)}  (${c.passed} passed, ${c.failed} failed)`);
    if (!live) {
      console.log(`\n━━━ [${n}/${steps.length}] ${step.name} (lane ${step.lane}, ran beside lane A) ━━━`);
      if (!step.name.startsWith('build')) process.stdout.write(out);
    }
    if (code !== 0) {
      if (step.name.startsWith('build')) console.log(out.split('\n').filter((l) => /error|Error|✖/.test(l)).slice(0, 40).join('\n'));
      console.log(`\n${step.name} failed (exit ${code}); stopping.`);
      stopOthers();
      return false;
    }
    console.log(`─── ${step.name}: ok in ${secs(Date.now() - t0)}`);
  }
  return true;
}

async function main(): Promise<number> {
  const fromArg = process.argv.indexOf('--from');
  const from = fromArg > 0 ? Math.max(1, Number(process.argv[fromArg + 1]) || 1) : 1;
  const serial = process.argv.includes('--serial');
  const laneA = steps.filter((s) => s.lane === 'A');
  const laneB = steps.filter((s) => s.lane === 'B');
  const rest = steps.filter((s) => !s.lane);
  let ok: boolean;
  if (serial) ok = await runSteps(steps, true, from);
  else {
    const both = await Promise.all([runSteps(laneA, true, from), runSteps(laneB, false, from)]);
    ok = both.every(Boolean) && (await runSteps(rest, true, from));
  }
  console.log('\n━━━ summary ━━━');
  const lines = [...report.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  for (const l of lines) console.log(l);
  if (lines.length < steps.length) console.log(`(${steps.length - lines.length} step(s) not run)`);
  console.log(`total ${secs(Date.now() - started)}${serial ? ' (serial)' : ' (lanes A and B side by side)'}`);
  console.log(`${passed} passed, ${failed} failed`);
  return ok && failed === 0 && lines.length === steps.length && from === 1 ? 0 : 1;
}

process.on('SIGINT', () => {
  stopOthers();
  process.exit(130);
});
main().then((code) => process.exit(code));
