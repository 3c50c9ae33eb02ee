/**
 * The REAL function bundles, built as they ship (minified, tree-shaken, installed libraries left
 * outside), load and answer on the emulator in a plain node process (as the gateway's instances
 * run them), and each stays within its size budget. Loading a bundle resolves its external
 * requires (qrcode for task/redeem/record).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildFunctions, ROOT, type BuiltFunction } from '../../scripts/build-functions';
import { FUNCTION_BUDGET } from '../../scripts/size-budget';
import { sdkEnv } from '../../emulator/env';
import { startEmulator, type Emulator } from '../../emulator/server';

let outDir: string;
let dataDir: string;
let emulator: Emulator;
let built: BuiltFunction[];

beforeAll(async () => {
  // inside the repo (git-ignored .cache/): the bundles resolve wx-server-sdk and qrcode from node_modules, as NODE_PATH does in the gateway
  fs.mkdirSync(path.join(ROOT, '.cache'), { recursive: true });
  outDir = fs.mkdtempSync(path.join(ROOT, '.cache', 'bundles-'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-real-data-'));
  built = await buildFunctions({ outDir, force: true });
  emulator = await startEmulator({ port: 0, dataDir, fsync: false });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  for (const d of [outDir, dataDir]) fs.rmSync(d, { recursive: true, force: true });
});

test('every bundle is minified and within the per-function budget', () => {
  expect(built.length).toBeGreaterThanOrEqual(14);
  for (const f of built) {
    expect({ name: f.name, within: f.bytes <= FUNCTION_BUDGET }).toEqual({ name: f.name, within: true });
    // minified: a few long lines, not one per source line
    const text = fs.readFileSync(path.join(outDir, f.name, 'index.js'), 'utf8');
    expect(text.split('\n').length).toBeLessThan(50);
  }
  // qrcode (and its pngjs) only where a code image is made, and there installed, not inlined
  for (const f of built) {
    const text = fs.readFileSync(path.join(outDir, f.name, 'index.js'), 'utf8');
    expect({ name: f.name, pngjs: /PNG signature|pngjs/.test(text) }).toEqual({ name: f.name, pngjs: false });
    const pkg = JSON.parse(fs.readFileSync(path.join(outDir, f.name, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect({ name: f.name, qrcode: 'qrcode' in pkg.dependencies }).toEqual({ name: f.name, qrcode: ['task', 'redeem', 'record'].includes(f.name) });
  }
});

test('every minified bundle loads (its external requires resolve) and answers an unknown action with its error envelope', async () => {
  // one plain node process requires them one after another (a gateway instance each would cost a
  // cold start each; jest would transform every bundle first)
  const script = `(async () => { const out = {}; for (const n of ${JSON.stringify(built.map((f) => f.name))}) { out[n] = await require(${JSON.stringify(outDir)} + '/' + n + '/index.js').main({ action: 'no-such-action', data: {} }, {}); } out.whoami = await require(${JSON.stringify(outDir)} + '/member/index.js').main({ action: 'whoami', data: {} }, {}); console.log(JSON.stringify(out)); })().catch((e) => { console.error(e); process.exit(1); });`;
  const env = { ...process.env, ...sdkEnv(emulator.port), TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'local', TZ: 'UTC', WX_OPENID: 'm-smoke', WX_APPID: 'wx-local-appid' };
  // not spawnSync: the emulator answering the child runs in this process
  const r = await promisify(execFile)(process.execPath, ['-e', script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  const answers = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  for (const f of built) {
    // bootstrap has no actions: it answers only its super admins
    const want = { ok: false, code: f.name === 'bootstrap' ? 'FORBIDDEN' : 'UNKNOWN_ACTION' };
    expect({ name: f.name, ...(answers[f.name] as object) }).toMatchObject({ name: f.name, ...want });
  }
  // and a real action that reads the database: whoami of a new member
  expect(answers.whoami).toMatchObject({ ok: true });
}, 60_000);
