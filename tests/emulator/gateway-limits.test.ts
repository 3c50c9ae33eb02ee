/**
 * A gateway that survives any request and scales like the platform:
 * - every deployable function gets 5,000-deep arrays and objects, a 3,000-deep object, a 2 MB body
 *   and non-object `data`: each is a clean JSON failure, and the next normal call succeeds;
 * - 50 concurrent calls to one function run on more than 2 instances, never sharing an identity;
 *   idle instances are reaped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions, listFunctions } from '../../scripts/build-functions';
import { startGateway, type Gateway } from '../../emulator/gateway';
import { MAX_REQUEST_BYTES, jsonTooDeep, valueTooDeep } from '../../emulator/gateway/limits';
import { startStack, type Stack } from '../../scripts/stack';
import { contracts } from '../../core/contracts';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'functions');
let stack: Stack;
let dirs: string[] = [];

const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

async function post(base: string, fn: string, body: string, openid = 'limits-user') {
  const res = await fetch(`${base}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Record<string, any> };
}

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-data-'));
  const functionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-fn-'));
  dirs = [dataDir, functionsDir];
  stack = await startStack({ port: 0, emulatorPort: 0, dataDir, functionsDir, seed: false, staticDir: null, timers: false, fsync: false });
}, 180_000);

afterAll(async () => {
  await stack?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test('depth check is a single pass over the text (strings and escapes skipped)', () => {
  expect(jsonTooDeep(deepArray(101))).toBe(true);
  expect(jsonTooDeep(deepArray(100))).toBe(false);
  expect(jsonTooDeep(JSON.stringify({ s: '[[[[\\"[['.repeat(100) }))).toBe(false);
  expect(valueTooDeep(JSON.parse(deepArray(101)))).toBe(true);
  expect(valueTooDeep({ a: [{ b: 1 }] })).toBe(false);
});

test('every function: hostile requests fail cleanly, then a normal call succeeds', async () => {
  const fns = listFunctions(path.join(ROOT, 'functions'));
  expect(fns.length).toBeGreaterThanOrEqual(5);
  const big = `{"action":"whoami","data":{"s":"${'x'.repeat(2 * 1024 * 1024)}"}}`;
  for (const fn of fns) {
    const cases = [
      { body: `{"action":"whoami","data":${deepArray(5000)}}`, status: 400, text: /nests deeper/ },
      { body: `{"action":"whoami","data":${deepObject(5000)}}`, status: 400, text: /nests deeper/ },
      { body: `{"action":"whoami","data":{"x":${deepObject(3000)}}}`, status: 400, text: /nests deeper/ },
      { body: big, status: 413, text: /data exceed max size/ },
      { body: '{"action":"whoami","data":', status: 400, text: /not JSON/ },
    ];
    for (const c of cases) {
      const r = await post(stack.url, fn, c.body);
      expect({ fn, status: r.status }).toEqual({ fn, status: c.status });
      expect(r.json).toMatchObject({ errCode: -501007, errMsg: expect.stringMatching(c.text) });
    }
    // non-object data reaches the function and its router refuses it (bootstrap has no router and
    // no actions: it answers its own clean refusal)
    const routed = fn in contracts;
    for (const data of ['[1,2]', '"text"', '42', 'null']) {
      const r = await post(stack.url, fn, `{"action":"whoami","data":${data}}`);
      expect({ fn, data, status: r.status, ok: r.json.result?.ok }).toEqual({ fn, data, status: 200, ok: false });
      if (routed) expect({ fn, data, code: r.json.result.code }).toEqual({ fn, data, code: 'VALIDATION_FAILED' });
    }
    // the instance and the gateway are alive: a normal call answers
    const ok = await post(stack.url, fn, '{"action":"__no_such_action"}');
    expect({ fn, status: ok.status, ok: ok.json.result?.ok }).toEqual({ fn, status: 200, ok: false });
    if (routed) expect(ok.json.result.code).toBe('UNKNOWN_ACTION');
  }
  expect(big.length).toBeGreaterThan(MAX_REQUEST_BYTES);
  const whoami = await post(stack.url, 'member', '{"action":"whoami"}');
  expect(whoami.status).toBe(200);
  expect(whoami.json.result.ok).toBe(true);
  // the database emulator refuses hostile nesting too, and keeps serving
  const admin = await fetch(`${stack.emulatorUrl}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"action":"database.getDocument","query":${deepArray(5000)}}` });
  expect(await admin.json()).toMatchObject({ code: 'INVALID_PARAM' });
  expect((await fetch(`${stack.emulatorUrl}/__emulator/health`)).status).toBe(200);
}, 120_000);

describe('instances scale with load', () => {
  let gw: Gateway;
  let outDir: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-fx-'));
    dirs.push(outDir);
    await buildFunctions({ srcDir: FIXTURES, outDir, force: true });
    gw = await startGateway({ port: 0, emulatorPort: stack.emulatorPort, functionsDir: outDir, timers: false, idleMs: 300 });
  }, 60_000);
  afterAll(() => gw?.close());

  test('50 concurrent calls run on more than 2 instances (≤ 16 by default), one identity each', async () => {
    const calls = Array.from({ length: 50 }, (_, i) => post(gw.url, 'echo', JSON.stringify({ action: 'x', data: { delayMs: 150, tag: `t${i}` } }), `user-${i}`));
    const answers = await Promise.all(calls);
    const pids = new Set<number>();
    answers.forEach((a, i) => {
      expect(a.status).toBe(200);
      expect(a.json.result).toMatchObject({ before: `user-${i}`, after: `user-${i}`, tag: `t${i}` });
      pids.add(a.json.result.pid);
    });
    expect(pids.size).toBeGreaterThan(2);
    expect(pids.size).toBeLessThanOrEqual(16);
    expect(gw.instances('echo')).toBeLessThanOrEqual(16);
    // idle instances are reaped (idleMs 300 here; 120 s by default)
    const until = Date.now() + 5000;
    while (gw.instances('echo') > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(gw.instances('echo')).toBe(0);
  }, 60_000);
});
