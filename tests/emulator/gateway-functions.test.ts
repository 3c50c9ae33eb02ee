/**
 * The function gateway runs real esbuild bundles in worker processes: identity isolation under
 * concurrency, timeout, thrown-error shape, timer triggers, and the bundle carrying no local-only path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../../scripts/build-functions';
import { startGateway, type Gateway, type GatewayLog } from '../../emulator/gateway';
import { invokeFunctionAction } from '../../emulator/gateway/invoke-action';
import { startEmulator, type Emulator } from '../../emulator/server';
import { gatewayResult } from '../../src/api/gateway';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'functions');
let outDir: string;
let dataDir: string;
let staticDir: string;
let gw: Gateway;
let emulator: Emulator;
const logs: GatewayLog[] = [];

async function call(fn: string, body: unknown, openid?: string) {
  const res = await fetch(`${gw.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, any>;
  // success: { errMsg: 'cloud.callFunction:ok', result, requestID }; failure: { errCode, errMsg, requestID }
  return { status: res.status, requestId: res.headers.get('x-request-id'), raw: json, body: (json.errCode === undefined ? json.result : json) as Record<string, any> };
}

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-fn-'));
  await buildFunctions({ srcDir: FIXTURES, outDir, force: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-data-'));
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-static-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>h5</title>');
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
  // the emulator forwards cloud.callFunction from inside a function back to this gateway
  emulator = await startEmulator({ port: 0, dataDir, fsync: false, extraActions: { 'functions.invokeFunction': invokeFunctionAction(() => gw) } });
  gw = await startGateway({ port: 0, emulatorPort: emulator.port, functionsDir: outDir, staticDir, poolSize: 3, onLog: (e) => logs.push(e) });
}, 30_000);

afterAll(async () => {
  await gw?.close();
  await emulator?.close();
  for (const d of [outDir, dataDir, staticDir]) fs.rmSync(d, { recursive: true, force: true });
});

test('a call runs the bundle and answers like wx.cloud.callFunction', async () => {
  const { status, body, raw, requestId } = await call('echo', { action: 'x', data: { tag: 't1' } }, 'user-a');
  expect(status).toBe(200);
  expect(requestId).toMatch(/^[0-9a-f]{24}$/);
  expect(raw).toMatchObject({ errMsg: 'cloud.callFunction:ok', requestID: requestId });
  expect(body).toMatchObject({ before: 'user-a', after: 'user-a', tag: 't1', source: 'wx_client' });
});

test('no identity header → the function sees no OPENID', async () => {
  const { body } = await call('echo', { action: 'x' });
  expect(body.before).toBeUndefined();
});

test('two identities calling concurrently never see each other (pool of 3, many rounds)', async () => {
  const rounds = 15;
  const pids = new Set<number>();
  // a queued call takes the first instance that is free, so on a loaded machine the warm one may serve
  // whole rounds before the new ones have loaded: go on until the calls have met at least two instances
  for (let r = 0; r < rounds || (pids.size < 2 && r < 500); r++) {
    const calls = [];
    for (let i = 0; i < 6; i++) {
      const who = i % 2 === 0 ? 'alice' : 'bob';
      calls.push(call('echo', { action: 'x', data: { delayMs: (i * 7) % 13, tag: who } }, who));
    }
    for (const { body } of await Promise.all(calls)) {
      expect(body.before).toBe(body.tag);
      expect(body.after).toBe(body.tag);
      pids.add(body.pid);
    }
  }
  // the calls really were spread over several instances
  expect(pids.size).toBeGreaterThanOrEqual(2);
  expect(pids.size).toBeLessThanOrEqual(3);
}, 60_000);

test('a thrown error answers errCode -504002 with the message', async () => {
  const { status, body } = await call('boom', { action: 'x' }, 'user-a');
  expect(status).toBe(500);
  expect(body.errCode).toBe(-504002);
  expect(body.errMsg).toMatch(/^cloud\.callFunction:fail Error: errCode: -504002 functions execute fail \| errMsg: Error: boom: something broke/);
  expect(body.result).toBeUndefined();
  expect(body.requestID).toEqual(expect.any(String));
});

test('an instance that exits mid-call is reported and replaced', async () => {
  const { body } = await call('boom', { action: 'exit' }, 'user-a');
  expect(body.errCode).toBe(-504002);
  expect(body.errMsg).toMatch(/exited/);
  const again = await call('boom', { action: 'x' }, 'user-a');
  expect(again.body.errMsg).toMatch(/boom/);
});

test('config.json timeout is enforced: the instance is killed and -504003 answered', async () => {
  const started = Date.now();
  const { status, body } = await call('slow', { action: 'x' }, 'user-a');
  expect(Date.now() - started).toBeLessThan(4000);
  expect(status).toBe(504);
  expect(body.errCode).toBe(-504003);
  expect(body.errMsg).toContain('Invoking task timed out after 1 seconds');
}, 10_000);

test('a result over 1 MB is refused like the platform (-604001)', async () => {
  const big = await call('echo', { action: 'x', data: { padBytes: 1024 * 1024 + 10 } }, 'user-a');
  expect(big.status).toBe(500);
  expect(big.body.errCode).toBe(-604001);
  const fits = await call('echo', { action: 'x', data: { padBytes: 1000 * 1000 } }, 'user-a');
  expect(fits.status).toBe(200);
});

test('unknown function → -501000, bad body → -501007', async () => {
  const missing = await call('nope', { action: 'x' }, 'user-a');
  expect(missing.status).toBe(404);
  expect(missing.body.errCode).toBe(-501000);
  const res = await fetch(`${gw.url}/api/echo`, { method: 'POST', body: '{not json' });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { errCode: number }).errCode).toBe(-501007);
  const badId = await call('echo', { action: 'x' }, 'has space');
  expect(badId.status).toBe(400);
});

test('a timer trigger fires on its cron with a Timer event', async () => {
  const deadline = Date.now() + 4000;
  while (!logs.some((l) => l.kind === 'timer' && l.fn === 'tick') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const fired = logs.find((l) => l.kind === 'timer' && l.fn === 'tick');
  expect(fired).toMatchObject({ action: 'everySecond', outcome: 'ok' });
  const outcome = await gw.fireTimer('tick');
  expect(outcome.kind).toBe('ok');
  if (outcome.kind !== 'ok') return;
  const got = (outcome.result as { got: { Type: string; TriggerName: string; Time: string } }).got;
  expect(got.Type).toBe('Timer');
  expect(got.TriggerName).toBe('everySecond');
  expect(Number.isNaN(Date.parse(got.Time))).toBe(false);
  // and by hand over HTTP
  const res = await fetch(`${gw.url}/__gateway/timer/tick`, { method: 'POST' });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { result: { got: { TriggerName: string } } }).result.got.TriggerName).toBe('everySecond');
  expect((await fetch(`${gw.url}/__gateway/timer/nope`, { method: 'POST' })).status).toBe(404);
}, 10_000);

test('the deployable bundle has no local-only identity path', () => {
  const text = fs.readFileSync(path.join(outDir, 'echo', 'index.js'), 'utf8');
  expect(text).not.toMatch(/x-dev-openid/i);
  expect(text).toContain('require("wx-server-sdk")');
});

test('cloud.callFunction inside a function runs the callee through the gateway (no user identity)', async () => {
  const { body } = await call('caller', { action: 'x', data: { target: 'echo' } }, 'user-a');
  expect(body.result).toMatchObject({ tag: 'nested', source: 'wx_function' });
  expect(body.result.before).toBeUndefined();
  const failing = await call('caller', { action: 'x', data: { target: 'boom' } }, 'user-a');
  // the emulator answers { code: 'FUNCTIONS_EXECUTE_FAIL', message }; the SDK rejects with the message
  expect(failing.body.errCode).toBeLessThan(0);
  expect(failing.body.errMsg).toMatch(/^callFunction:fail .*boom: something broke/);
});

test('serves the h5 build with SPA fallback, 404 for a missing asset', async () => {
  const page = await fetch(`${gw.url}/pages/report/index?scene=x`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<title>h5</title>');
  const asset = await fetch(`${gw.url}/app.js`);
  expect(asset.headers.get('content-type')).toContain('javascript');
  expect((await fetch(`${gw.url}/missing.js`)).status).toBe(404);
  expect((await fetch(`${gw.url}/..%2f..%2fetc%2fpasswd`)).status).not.toBe(200);
});

test("the h5 transport's reader (src/api/gateway.ts) understands every answer shape", async () => {
  const raw = async (fn: string) => {
    const res = await fetch(`${gw.url}/api/${fn}`, { method: 'POST', headers: { 'x-dev-openid': 'user-a' }, body: JSON.stringify({ action: 'x', data: { tag: 't' } }) });
    return [res.status, await res.text()] as const;
  };
  expect(gatewayResult(...(await raw('echo')))).toMatchObject({ before: 'user-a', tag: 't' });
  expect(() => gatewayResult(...([500, JSON.stringify({ errCode: -504002, errMsg: 'x' })] as const))).toThrow();
  const threw = await raw('boom');
  expect(() => gatewayResult(...threw)).toThrow(expect.objectContaining({ code: 'FUNCTION_ERROR' }));
  const timedOut = await raw('slow');
  expect(() => gatewayResult(...timedOut)).toThrow(expect.objectContaining({ code: 'FUNCTION_TIMEOUT' }));
}, 10_000);

test('an idle instance is stopped and the next call cold-starts a new one', async () => {
  const quick = await startGateway({ port: 0, functionsDir: outDir, timers: false, idleMs: 150 });
  try {
    const pidOf = async () => {
      const res = await fetch(`${quick.url}/api/echo`, { method: 'POST', body: '{}' });
      return ((await res.json()) as { result: { pid: number } }).result.pid;
    };
    const first = await pidOf();
    expect(await pidOf()).toBe(first); // warm
    await new Promise((r) => setTimeout(r, 400));
    expect(await pidOf()).not.toBe(first);
  } finally {
    await quick.close();
  }
});

test("the request id is the emulator's invocation id: its database calls are counted under it", async () => {
  const { requestId } = await call('echo', { action: 'x', data: { countOrgs: true } }, 'user-a');
  expect(emulator.statsFor(requestId!).calls).toBe(1);
  expect(logs.find((l) => l.requestId === requestId)).toMatchObject({ fn: 'echo', outcome: 'ok' });
  const other = await call('echo', { action: 'x' }, 'user-a');
  expect(emulator.statsFor(other.requestId!).calls).toBe(0);
});
