/**
 * `npm test`: everything CI checks, in order, failing fast.
 *   1 lint + typecheck   2 jest unit/emulator/functions   3 build functions + weapp
 *   4 WeChat's wcc/wcsc on the weapp build (file counts)   5 jest weapp (real compiled pages)
 *   6 size budget   7 h5 build + first-load budget + e2e (chromium)
 * `npm test -- --from 4` starts at step 4 (e.g. after fixing a later step).
 * Each step prints a header and its time; the last line is `N passed, N failed` (tests counted
 * from jest and the e2e runner; lint, typecheck, builds and the budget count as one check each).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const started = Date.now();

interface Step {
  name: string;
  cmd: string[];
  /** read test counts from the output (jest / e2e summary lines) */
  counts?: 'jest' | 'e2e';
  env?: Record<string, string>;
}

const steps: Step[] = [
  { name: 'lint (eslint)', cmd: ['npx', 'eslint', '.'] },
  { name: 'typecheck (tsc)', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'jest: unit, emulator, functions', cmd: ['npx', 'jest', '--ci', '--selectProjects', 'unit', 'emulator', 'functions'], counts: 'jest' },
  { name: 'build cloud functions', cmd: ['npm', 'run', '--silent', 'build:functions'] },
  { name: 'build weapp (dist/)', cmd: ['npx', 'taro', 'build', '--type', 'weapp'], env: { NODE_ENV: 'production' } },
  { name: 'WeChat compilers: wcc + wcsc on dist/', cmd: ['npx', 'tsx', 'scripts/wechat-compile.ts'] },
  { name: 'jest: weapp pages (miniprogram-simulate)', cmd: ['npx', 'jest', '--ci', '--selectProjects', 'weapp'], counts: 'jest' },
  { name: 'size budget', cmd: ['npx', 'tsx', 'scripts/size-budget.ts'] },
  { name: 'build h5 (dist-h5/)', cmd: ['npx', 'taro', 'build', '--type', 'h5'], env: { NODE_ENV: 'production' } },
  { name: 'h5 first-load budget (chromium)', cmd: ['npx', 'tsx', 'scripts/h5-first-load.ts'] },
  { name: 'e2e: h5 in chromium', cmd: ['npx', 'tsx', 'tests/e2e/run.ts'], counts: 'e2e' },
];

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function run(step: Step): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd[0], step.cmd.slice(1), { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...step.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const quietBuild = step.name.startsWith('build');
    const onData = (d: Buffer) => {
      const s = d.toString();
      out += s;
      // builds print progress bars; keep their output for failures only
      if (!quietBuild) process.stdout.write(s);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
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

async function main(): Promise<number> {
  let passed = 0;
  let failed = 0;
  const report: string[] = [];
  const fromArg = process.argv.indexOf('--from');
  const from = fromArg > 0 ? Math.max(1, Number(process.argv[fromArg + 1]) || 1) : 1;
  for (const [i, step] of steps.entries()) {
    if (i + 1 < from) {
      report.push(`skip ${step.name}`);
      continue;
    }
    console.log(`\n━━━ [${i + 1}/${steps.length}] ${step.name} ━━━`);
    const t0 = Date.now();
    const { code, out } = await run(step);
    const c = count(step, code, out);
    passed += c.passed;
    failed += c.failed;
    const line = `${code === 0 ? 'ok  ' : 'FAIL'} ${step.name.padEnd(44)} ${secs(Date.now() - t0).padStart(8)}  (${c.passed} passed, ${c.failed} failed)`;
    report.push(line);
    if (code !== 0) {
      if (step.name.startsWith('build')) console.log(out.split('\n').filter((l) => /error|Error|✖/.test(l)).slice(0, 40).join('\n'));
      console.log(`\n${step.name} failed (exit ${code}); stopping.`);
      break;
    }
    console.log(`─── ${step.name}: ok in ${secs(Date.now() - t0)}`);
  }
  console.log('\n━━━ summary ━━━');
  for (const l of report) console.log(l);
  if (report.length < steps.length) console.log(`(${steps.length - report.length} step(s) not run)`);
  console.log(`total ${secs(Date.now() - started)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && report.length === steps.length && from === 1 ? 0 : 1;
}

main().then((code) => process.exit(code));
