/**
 * The local stand-in for WeChat's cloud admin API: an HTTP server the unmodified wx-server-sdk
 * talks to when `TCB_CONTEXT_CNFG={"URL":"http://127.0.0.1:PORT/admin"}` (see env.ts).
 *
 * Routes
 *   POST /admin?env=…&seqId=…     every SDK call; the action is `body.action`
 *                                 (JSON body) or the multipart form field `action`
 *   GET  /__emulator/health       { ok, dataDir, collections }
 *   GET  /__emulator/stats        { total, invocations } (?invocation=ID → that invocation's counters)
 *   POST /__emulator/stats/reset  zero the counters
 *
 * `database.*` actions are served here; any other action goes to `extraActions[action]` (the
 * function gateway and openapi emulation plug in there) or is refused loudly.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { collections as schemaCollections, type CollectionSpec } from '../core/db/schema';
import { Database, type Params } from './database';
import { Codes, DbError } from './errors';
import { Stats, invocationOf, type Counters } from './stats';
import { Store } from './store';
import { jsonTooDeep, MAX_JSON_DEPTH } from './gateway/limits';

export interface ExtraActionRequest {
  /** action name, from the JSON body's `action` or the multipart field `action` */
  action: string;
  headers: IncomingHttpHeaders;
  /** the raw request body (JSON or multipart, untouched) */
  body: Buffer;
  /** URL query (`env`, `seqId`) */
  query: URLSearchParams;
  /** invocation id derived from seqId ('' when the caller set no TCB_SEQID) */
  invocation: string;
}
/**
 * Answer of an extra action: a plain object is sent as JSON (a `requestId` is added when missing);
 * a Buffer is sent raw. Throw `DbError(code, message)` to answer `{ code, message }`.
 */
export type ExtraAction = (req: ExtraActionRequest) => Promise<unknown>;

export interface EmulatorOptions {
  /** 0 (default) = any free port */
  port?: number;
  host?: string;
  /** default: $DATA_DIR or `.data` */
  dataDir?: string;
  extraActions?: Record<string, ExtraAction>;
  /** fsync each commit (default true) */
  fsync?: boolean;
  /** collections created at start (default: core/db/schema.ts) */
  schema?: CollectionSpec[];
  /** transaction lock wait before a conflict (default 5000 ms) */
  lockWaitMs?: number;
  /** a transaction with no operation for this long is aborted (default 10000 ms) */
  txnIdleMs?: number;
  /** log each request to stderr */
  verbose?: boolean;
  /** other HTTP routes (e.g. storage uploads and temp URLs); answer true when handled */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;
  /** observe every /admin request before it is served (wire tests, debugging) */
  onRequest?: (req: { action: string | undefined; headers: IncomingHttpHeaders; body: Buffer; query: URLSearchParams }) => void;
}

export interface Emulator {
  port: number;
  /** http://host:port */
  url: string;
  /** what TCB_CONTEXT_CNFG.URL should be */
  adminUrl: string;
  /** direct access to the data (reads, writes via commit, wipe) */
  store: Store;
  database: Database;
  stats(): { total: Counters; invocations: Record<string, Counters> };
  statsFor(invocation: string): Counters;
  resetStats(): void;
  close(): Promise<void>;
}

const requestId = () => randomBytes(8).toString('hex');

/** Find the `action` field in a multipart/form-data body without parsing the rest. */
export function multipartAction(body: Buffer): string | undefined {
  const text = body.toString('latin1');
  const m = /Content-Disposition:\s*form-data;\s*name="action"(?:;[^\r\n]*)?\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)\r\n/i.exec(text);
  return m ? Buffer.from(m[1], 'latin1').toString('utf8') : undefined;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = opts.dataDir ?? process.env.DATA_DIR ?? '.data';
  const store = Store.open({ dataDir, schema: opts.schema ?? schemaCollections, fsync: opts.fsync });
  const stats = new Stats();
  const database = new Database(store, stats, { lockWaitMs: opts.lockWaitMs, idleMs: opts.txnIdleMs });
  const extra = opts.extraActions ?? {};

  async function handleAdmin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const invocation = invocationOf(url.searchParams.get('seqId'));
    let action: string | undefined;
    let params: Params | undefined;
    if (contentType.includes('multipart/form-data')) action = multipartAction(body);
    else {
      const text = body.toString('utf8');
      // nothing below (EJSON decoding, mingo) may recurse over hostile nesting
      if (jsonTooDeep(text, MAX_JSON_DEPTH + 20)) {
        return sendJson(res, 200, { code: Codes.INVALID_PARAM, message: `[emulator] request nests deeper than ${MAX_JSON_DEPTH} levels`, requestId: requestId() });
      }
      try {
        params = JSON.parse(text) as Params;
        action = params.action;
      } catch {
        return sendJson(res, 200, { code: Codes.INVALID_PARAM, message: '[emulator] request body is not JSON', requestId: requestId() });
      }
    }
    opts.onRequest?.({ action, headers: req.headers, body, query: url.searchParams });
    const rid = requestId();
    try {
      if (!action) throw new DbError(Codes.INVALID_PARAM, '[emulator] request has no action');
      if (opts.verbose) process.stderr.write(`[emulator] ${action} ${invocation}\n`);
      if (extra[action]) {
        const out = await extra[action]({ action, headers: req.headers, body, query: url.searchParams, invocation });
        if (Buffer.isBuffer(out)) {
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': out.length });
          res.end(out);
          return;
        }
        const payload = out && typeof out === 'object' && !Array.isArray(out) ? { requestId: rid, ...(out as object) } : out;
        return sendJson(res, 200, payload);
      }
      if (action.startsWith('database.') && params) {
        const out = await database.handle(params, { invocation, now: Date.now() });
        return sendJson(res, 200, { ...out, requestId: rid });
      }
      throw new DbError(Codes.UNSUPPORTED_ACTION, `[emulator] action ${action} is not emulated`);
    } catch (e) {
      if (e instanceof DbError) return sendJson(res, 200, { code: e.code, message: e.message, requestId: rid });
      process.stderr.write(`[emulator] internal error on ${action}: ${(e as Error).stack ?? e}\n`);
      return sendJson(res, 200, { code: 'SYS_ERR', message: `[emulator] internal error: ${(e as Error).message}`, requestId: rid });
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const done = (p: Promise<void> | void) =>
      Promise.resolve(p).catch((e) => {
        if (!res.headersSent) sendJson(res, 500, { code: 'SYS_ERR', message: String(e) });
      });
    if (req.method === 'POST' && url.pathname.endsWith('/admin')) return done(handleAdmin(req, res, url));
    if (req.method === 'GET' && url.pathname === '/__emulator/health') {
      return sendJson(res, 200, { ok: true, dataDir: store.dataDir, collections: store.collectionNames(), transactions: database.txns.activeCount() });
    }
    if (req.method === 'GET' && url.pathname === '/__emulator/stats') {
      const inv = url.searchParams.get('invocation');
      return sendJson(res, 200, inv !== null ? stats.invocation(inv) : stats.snapshot());
    }
    if (req.method === 'POST' && url.pathname === '/__emulator/stats/reset') {
      stats.reset();
      return sendJson(res, 200, { ok: true });
    }
    const routes = opts.routes;
    if (routes) {
      return done(routes(req, res).then((handled) => {
        if (!handled) sendJson(res, 404, { code: 'NOT_FOUND', message: `[emulator] no route ${req.method} ${url.pathname}` });
      }));
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `[emulator] no route ${req.method} ${url.pathname}` });
  });
  // longer than the SDK agent's freeSocketTimeout (4.8 s): the client closes idle sockets first,
  // so a request never races the server closing its socket (ECONNRESET)
  server.keepAliveTimeout = 60000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  let closed = false;
  return {
    port,
    url,
    adminUrl: `${url}/admin`,
    store,
    database,
    stats: () => stats.snapshot(),
    statsFor: (inv) => stats.invocation(inv),
    resetStats: () => stats.reset(),
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      database.txns.close();
      store.close();
    },
  };
}
