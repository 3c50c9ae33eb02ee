import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { callFunctionFail, callFunctionOk, type FunctionErrorKind } from './errors';
import { FunctionPool, type Identity, type InvocationOutcome } from './pool';
import type { Storage } from '../storage';
import { jsonTooDeep, MAX_JSON_DEPTH, MAX_REQUEST_BYTES, valueTooDeep } from './limits';
import { serveStatic } from './static';
import { scheduleTimers, type TimerTrigger } from './timers';

/**
 * The local stand-in for `wx.cloud.callFunction`: HTTP `POST /api/<function>` with body
 * `{ action, data }` runs the function's deployable BUNDLE (cloudfunctions/<name>/index.js) in a
 * worker process with the caller's identity, and answers like the platform (see errors.ts):
 *   200 { errMsg: 'cloud.callFunction:ok', result, requestID }
 *   4xx/5xx { errCode, errMsg, requestID }   (-504002 threw, -504003 timed out, -501000 no such function)
 *
 * Identity: header `x-dev-openid` (local only — the bundle has no such path; the worker puts it
 * into WX_OPENID, which `cloud.getWXContext()` reads). Optional `x-dev-unionid`.
 * Also serves the h5 build (SPA fallback), the emulator's inspection endpoints under /__emulator/
 * (outbox, subscribe — see emulator/openapi), GET /__gateway/health, and
 * POST /__gateway/timer/<fn>[?trigger=name][&time=ISO] to fire a timer trigger now (or as if at `time`).
 */
export interface GatewayLog {
  kind: 'call' | 'timer' | 'output';
  fn: string;
  action?: string;
  openid?: string;
  outcome?: InvocationOutcome['kind'];
  ms?: number;
  message?: string;
  /** x-request-id of the call = the emulator's invocation id (GET /__emulator/stats?invocation=…) */
  requestId?: string;
}

/** Inspection endpoints under /__emulator/ (the openapi emulation provides them). */
export interface EmulatorInspector {
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean> | boolean;
}

export interface GatewayOptions {
  port?: number;
  host?: string;
  /** where the database emulator listens; workers get `sdkEnv(emulatorPort)` */
  emulatorPort?: number;
  /** folder with `<name>/index.js` + `config.json` (default cloudfunctions/) */
  functionsDir?: string;
  /** h5 build to serve on the same origin (e.g. dist-h5/) */
  staticDir?: string;
  /** instances per function (default 2) */
  poolSize?: number;
  /** stop an instance idle this long (default 120 000 ms) */
  idleMs?: number;
  /** run config.json timer triggers on their cron (default true) */
  timers?: boolean;
  /** APPID the functions see (default 'wx-local-appid') */
  appid?: string;
  /** extra env for every worker */
  env?: Record<string, string>;
  /** answers /__emulator/* (outbox, subscribe); see emulator/openapi */
  inspector?: EmulatorInspector;
  /** cloud storage: temp URLs (/__storage/file/…) and the h5 client's /api/__storage/* */
  storage?: Pick<Storage, 'handleHttp' | 'handleClient'>;
  onLog?: (entry: GatewayLog) => void;
}

export interface Gateway {
  url: string;
  port: number;
  server: http.Server;
  /** runs a function in-process of the gateway (used by timers and by the emulator's functions.invokeFunction) */
  invoke(fn: string, event: unknown, identity?: Identity, source?: string): Promise<InvocationOutcome>;
  /** running instances of a function (they scale with load up to poolSize and are reaped when idle) */
  instances(fn: string): number;
  /** fires a timer trigger now (tests, `npm start` console) */
  fireTimer(fn: string, triggerName?: string): Promise<InvocationOutcome>;
  close(): Promise<void>;
}

interface FunctionConfigFile { timeout?: number; triggers?: TimerTrigger[]; envVariables?: Record<string, string> }

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_RESULT = 1024 * 1024; // callFunction result limit (else -604001)

export function readConfig(functionsDir: string, fn: string): FunctionConfigFile {
  const file = path.join(functionsDir, fn, 'config.json');
  if (!fs.existsSync(file)) return {};
  try { return JSON.parse(fs.readFileSync(file, 'utf8')) as FunctionConfigFile; } catch { return {}; }
}

function stringValues(vars: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(vars ?? {}).map(([k, v]) => [k, String(v)]));
}

function listBundles(functionsDir: string): string[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs.readdirSync(functionsDir).filter((n) => fs.existsSync(path.join(functionsDir, n, 'index.js'))).sort();
}

/**
 * Reads a body up to `max` bytes; a larger one resolves null. The rest is read and dropped (not
 * kept, no socket reset) so the client gets a clean JSON answer instead of a broken connection.
 */
function readBody(req: http.IncomingMessage, max = MAX_REQUEST_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const functionsDir = path.resolve(options.functionsDir ?? path.join(__dirname, '..', '..', 'cloudfunctions'));
  const host = options.host ?? '127.0.0.1';
  const poolSize = options.poolSize ?? (Number(process.env.GATEWAY_MAX_INSTANCES) || 16);
  const appid = options.appid ?? 'wx-local-appid';
  const log = options.onLog ?? (() => undefined);

  let baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    // WeChat's function runtime runs in UTC: keep that here so date bugs show up locally.
    TZ: 'UTC',
    // The platform installs wx-server-sdk beside the bundle; locally it comes from the repo.
    NODE_PATH: path.join(__dirname, '..', '..', 'node_modules'),
  };
  if (options.emulatorPort !== undefined) {
    const { sdkEnv } = await import('../env');
    baseEnv = { ...baseEnv, ...sdkEnv(options.emulatorPort) };
  }

  const pools = new Map<string, FunctionPool>();
  const poolFor = (fn: string): FunctionPool | null => {
    const bundle = path.join(functionsDir, fn, 'index.js');
    if (!/^[A-Za-z0-9_-]+$/.test(fn) || !fs.existsSync(bundle)) return null;
    const config = readConfig(functionsDir, fn);
    const timeoutSec = Number(config.timeout) || 3;
    let pool = pools.get(fn);
    if (pool && pool.options.timeoutSec !== timeoutSec) { void pool.close(); pool = undefined; }
    if (!pool) {
      pool = new FunctionPool({
        name: fn,
        bundle,
        size: poolSize,
        timeoutSec,
        idleMs: options.idleMs,
        // config.json envVariables as the platform sets them; the gateway's own `env` wins locally
        env: { ...baseEnv, ...stringValues(config.envVariables), ...options.env, SCF_FUNCTIONNAME: fn },
        onOutput: options.onLog ? (line) => log({ kind: 'output', fn, message: line }) : undefined,
      });
      pools.set(fn, pool);
    }
    return pool;
  };

  const invoke = async (fn: string, event: unknown, identity: Identity = {}, source = 'wx_client'): Promise<InvocationOutcome> => {
    const pool = poolFor(fn);
    if (!pool) throw Object.assign(new Error(`no such function: ${fn}`), { code: 'NOT_FOUND' });
    if (valueTooDeep(event)) return { kind: 'error', message: `event nests deeper than ${MAX_JSON_DEPTH} levels`, ms: 0 };
    return pool.invoke({ event, identity: { APPID: appid, ...identity }, source });
  };

  const fireTimer = async (fn: string, triggerName?: string, time = new Date()): Promise<InvocationOutcome> => {
    const trigger = readConfig(functionsDir, fn).triggers?.find((t) => t.type === 'timer' && (!triggerName || t.name === triggerName));
    const name = trigger?.name ?? triggerName ?? 'timer';
    const outcome = await invoke(fn, { Type: 'Timer', TriggerName: name, Time: time.toISOString() }, {}, 'wx_trigger');
    log({ kind: 'timer', fn, action: name, outcome: outcome.kind, ms: outcome.ms, message: outcome.kind === 'error' ? outcome.message : undefined });
    return outcome;
  };

  const stopTimers = options.timers === false ? () => undefined : scheduleTimers(
    listBundles(functionsDir).flatMap((fn) => (readConfig(functionsDir, fn).triggers ?? []).map((trigger) => ({ fn, trigger }))),
    async (fn, name, time) => { try { await fireTimer(fn, name, time); } catch (err) { log({ kind: 'timer', fn, action: name, outcome: 'error', message: String(err) }); } },
  );

  const handleApi = async (fn: string, req: http.IncomingMessage, res: http.ServerResponse) => {
    // hex without '-': the emulator splits seqId `<TCB_SEQID>-<event>` at the last '-'
    const requestID = crypto.randomBytes(12).toString('hex');
    const failWith = (kind: FunctionErrorKind, detail: string) => {
      const { status, ...body } = callFunctionFail(kind, detail, requestID);
      sendJson(res, status, body, { 'x-request-id': requestID });
    };
    if (req.method !== 'POST') { failWith('INVALID_PARAM', 'use POST with a JSON body { action, data }'); return; }
    let event: unknown;
    try {
      const body = await readBody(req);
      if (!body) { failWith('DATA_TOO_LARGE', `request body over ${MAX_REQUEST_BYTES} bytes`); return; }
      const raw = body.toString('utf8');
      if (jsonTooDeep(raw)) { failWith('INVALID_PARAM', `request JSON nests deeper than ${MAX_JSON_DEPTH} levels`); return; }
      event = raw.trim() ? JSON.parse(raw) : {};
    } catch (err) {
      failWith('INVALID_PARAM', `request body is not JSON: ${(err as Error).message}`);
      return;
    }
    if (!event || typeof event !== 'object' || Array.isArray(event)) { failWith('INVALID_PARAM', 'request body must be a JSON object'); return; }
    const header = (name: string) => { const v = req.headers[name]; return Array.isArray(v) ? v[0] : v; };
    const openid = header('x-dev-openid');
    const unionid = header('x-dev-unionid');
    if ((openid && !OPENID_RE.test(openid)) || (unionid && !OPENID_RE.test(unionid))) {
      failWith('INVALID_PARAM', 'x-dev-openid must be 1-64 characters of A-Z a-z 0-9 _ -');
      return;
    }
    const pool = poolFor(fn);
    if (!pool) { failWith('NOT_FOUND', `FunctionName ${fn} not found in ${path.relative(process.cwd(), functionsDir) || '.'}`); return; }
    const action = (event as { action?: unknown }).action;
    let outcome: InvocationOutcome;
    try {
      outcome = await pool.invoke({ event, identity: { APPID: appid, OPENID: openid || undefined, UNIONID: unionid || undefined }, source: 'wx_client', seqId: requestID });
    } catch (err) {
      failWith('EXECUTE_FAIL', (err as Error).message);
      return;
    }
    log({ kind: 'call', fn, action: typeof action === 'string' ? action : undefined, openid, outcome: outcome.kind, ms: outcome.ms, message: outcome.kind === 'error' ? outcome.message : undefined, requestId: requestID });
    if (outcome.kind === 'ok') {
      const size = Buffer.byteLength(JSON.stringify(outcome.result ?? null));
      if (size > MAX_RESULT) failWith('RESULT_TOO_LARGE', `result is ${size} bytes`);
      else sendJson(res, 200, callFunctionOk(outcome.result ?? null, requestID), { 'x-request-id': requestID });
    }
    else if (outcome.kind === 'timeout') failWith('TIMEOUT', `Invoking task timed out after ${outcome.timeoutSec} seconds`);
    else failWith('EXECUTE_FAIL', `Error: ${outcome.message}`);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const api = /^\/api\/([^/]+)\/?$/.exec(url.pathname);
    const work = (async () => {
      if (options.storage && url.pathname.startsWith('/api/__storage/')) {
        const openid = req.headers['x-dev-openid'];
        const id = typeof openid === 'string' && OPENID_RE.test(openid) ? openid : '';
        if (await options.storage.handleClient(req, res, id)) return;
      }
      if (options.storage && url.pathname.startsWith('/__storage/') && (await options.storage.handleHttp(req, res))) return;
      if (api) return handleApi(decodeURIComponent(api[1]), req, res);
      if (url.pathname.startsWith('/__emulator/')) {
        const body = await readBody(req);
        if (!body) { sendJson(res, 413, { error: `request body over ${MAX_REQUEST_BYTES} bytes` }); return; }
        if (options.inspector && (await options.inspector.handleHttp(req, res, body))) return;
        sendJson(res, 404, { error: 'unknown emulator endpoint' });
        return;
      }
      if (url.pathname === '/__gateway/health') { sendJson(res, 200, { ok: true, functions: listBundles(functionsDir) }); return; }
      // POST /__gateway/timer/<fn>[?trigger=name]: fire a timer trigger now (demo, manual reconcile)
      const timer = /^\/__gateway\/timer\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (timer && req.method === 'POST') {
        if (!poolFor(timer[1])) { sendJson(res, 404, { error: `no function ${timer[1]}` }); return; }
        // ?time=ISO: the trigger's clock (the 公示 timer moves past a window in the demo and e2e)
        const at = url.searchParams.get('time');
        const time = at && !Number.isNaN(Date.parse(at)) ? new Date(at) : undefined;
        const outcome = await fireTimer(timer[1], url.searchParams.get('trigger') ?? undefined, time);
        sendJson(res, outcome.kind === 'ok' ? 200 : 500, outcome);
        return;
      }
      if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) { serveStatic(options.staticDir, req, res); return; }
      sendJson(res, 404, { error: 'not found' });
    })();
    work.catch((err: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: err.message });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host}:${port}`,
    port,
    server,
    invoke,
    fireTimer: (fn, triggerName) => fireTimer(fn, triggerName),
    instances: (fn) => pools.get(fn)?.size ?? 0,
    async close() {
      stopTimers();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...pools.values()].map((p) => p.close()));
      pools.clear();
    },
  };
}
