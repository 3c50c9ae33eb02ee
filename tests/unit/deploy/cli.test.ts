/** `npm run deploy` as a command, in process, on stand-in bundles (no build, no network). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collections } from '../../../core/db/schema';
import { configFor, listFunctions } from '../../../scripts/build-functions';
import { failureText, run } from '../../../scripts/deploy/cli';
import { builtFunctions, desiredState, hashFunctionDir } from '../../../scripts/deploy/desired';
import { deploy } from '../../../scripts/deploy/target';
import { MemoryTarget } from './memory-target';

const root = path.join(__dirname, '..', '..', '..');
const srcDir = path.join(root, 'functions');
const names = listFunctions(srcDir);
let outDir: string;

beforeEach(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-'));
  for (const name of names) {
    fs.mkdirSync(path.join(outDir, name));
    fs.writeFileSync(path.join(outDir, name, 'index.js'), `exports.main = async () => '${name}';\n`);
    fs.writeFileSync(path.join(outDir, name, 'package.json'), '{}\n');
    fs.writeFileSync(path.join(outDir, name, 'config.json'), JSON.stringify(configFor(srcDir, name)));
  }
});
afterEach(() => fs.rmSync(outDir, { recursive: true, force: true }));

async function runLines(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const code = await run(argv, { env, log: (l) => out.push(l), outDir });
  return { code, out };
}

test('--plan without credentials: every change for a fresh environment, counted', async () => {
  const { code, out } = await runLines(['--plan', '--skip-build']);
  expect(code).toBe(0);
  expect(out[0]).toBe('plan against a fresh environment (no credentials, no network):');
  const indexes = collections.reduce((n, c) => n + c.indexes.length, 0);
  const triggers = names.reduce((n, f) => n + Math.min(1, (configFor(srcDir, f).triggers ?? []).length), 0);
  const expected = collections.length * 2 + indexes + names.length + triggers;
  expect(out.slice(1, -1)).toHaveLength(expected);
  expect(out[out.length - 1]).toBe(`${expected} changes`);
});

test('--plan --state: against a saved state of a deployed environment there is nothing to change', async () => {
  const t = new MemoryTarget();
  await deploy(t, desiredState({ collections, functions: builtFunctions(names, outDir) }), () => undefined);
  const file = path.join(outDir, 'state.json');
  fs.writeFileSync(file, JSON.stringify(t.state));
  const { out } = await runLines(['--plan', '--skip-build', '--state', file]);
  expect(out).toEqual([`plan against the state in ${file}:`, 'nothing to change: the environment matches core/db/schema.ts and functions/*/config.json', '0 changes']);

  // a value for a declared variable in the deploying shell is a change, nothing else is
  const withValue = await runLines(['--plan', '--skip-build', '--state', file, '--super-admin', 'oOperator001'], { SUPER_ADMIN_OPENIDS: '' });
  expect(withValue.out.slice(1)).toEqual([
    '~ function bootstrap config: env SUPER_ADMIN_OPENIDS changed',
    '! run bootstrap (writes super admin oOpe…r001 into admins)',
    '2 changes',
  ]);
});

test('the real run refuses to start without credentials, before building anything', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-cli-empty-'));
  try {
    await expect(run(['--env', 'prod-1'], { env: { WX_APPID: 'wx1' }, log: () => undefined, outDir: empty }))
      .rejects.toThrow('missing credentials: set WX_UPLOAD_KEY_PATH, TCB_SECRET_ID, TCB_SECRET_KEY');
    expect(fs.readdirSync(empty)).toEqual([]);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('a failure is one readable line; an unreachable cloud API says so', () => {
  expect(failureText(Object.assign(new Error('request to https://tcb.tencentcloudapi.com/ failed'), { code: 'ENOTFOUND' })))
    .toBe('cannot reach the cloud API from this machine (ENOTFOUND): request to https://tcb.tencentcloudapi.com/ failed');
  expect(failureText({ message: 'AuthFailure.SecretIdNotFound' })).toBe('AuthFailure.SecretIdNotFound');
  expect(failureText('plain')).toBe('plain');
});

test('a wrapped socket error is recognised by its code in the text', () => {
  expect(failureText({ message: 'FetchError: request to https://tcb.tencentcloudapi.com/ failed, reason: getaddrinfo ENOTFOUND tcb.tencentcloudapi.com' }))
    .toMatch(/^cannot reach the cloud API from this machine \(ENOTFOUND\): FetchError/);
});

test('the code hash covers every uploaded file (assets too), not node_modules', () => {
  const dir = path.join(outDir, names[0]);
  const before = hashFunctionDir(dir);
  fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'index.js'), 'installed by the cloud');
  expect(hashFunctionDir(dir)).toBe(before);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'font.otf'), 'glyphs');
  const withAsset = hashFunctionDir(dir);
  expect(withAsset).not.toBe(before);
  fs.writeFileSync(path.join(dir, 'assets', 'font.otf'), 'other glyphs');
  expect(hashFunctionDir(dir)).not.toBe(withAsset);
  fs.rmSync(path.join(dir, 'index.js'));
  expect(() => hashFunctionDir(dir)).toThrow('index.js is missing: run npm run build:functions -- --force');
});
