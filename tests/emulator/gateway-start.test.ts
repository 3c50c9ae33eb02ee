/**
 * `npm start` as a user runs it: prints the URL and the demo users, serves /api, and stops
 * cleanly on SIGINT (exit 0, database closed so a second start finds the data).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
/** every started child, so a failed or timed-out test still stops it (else jest never exits) */
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function start(dataDir: string) {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'start.ts'), '--no-h5'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { out += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { out += c; });
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start did not come up:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /app\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m && out.includes('Ctrl-C to stop')) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`start exited ${code}:\n${out}`)); });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

test('npm start serves the functions, lists the demo users, and stops cleanly on SIGINT', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-data-'));
  try {
    const first = start(dataDir);
    const url = await first.ready;
    expect(first.output()).toContain('demo-community-1');
    expect(first.output()).toContain('seeded');
    const res = await fetch(`${url}/api/member`, { method: 'POST', headers: { 'x-dev-openid': 'demo-member-1' }, body: JSON.stringify({ action: 'whoami' }) });
    expect(((await res.json()) as { result: { ok: boolean } }).result.ok).toBe(true);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const second = start(dataDir);
    await second.ready;
    expect(second.output()).toContain('kept from the last run');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);
