/**
 * Cloud storage at the protocol level, so the unmodified SDKs work (see /work notes "Storage
 * through the same admin endpoint", read from @cloudbase/node-sdk/dist/storage/index.js):
 *
 * Functions (admin; wx-server-sdk → POST /admin):
 *   storage.getUploadMetadata {path}      → data {url, token, authorization, fileId, cosFileId};
 *                                           the SDK then PUTs the bytes to `url` (here: this server,
 *                                           /__storage/upload/<token>); empty body = ok, COS XML = error
 *   storage.batchGetDownloadUrl {file_list:[{fileid,max_age}]} → data.download_list [{fileID, tempFileURL, code, maxAge}]
 *   storage.batchDeleteFile {fileid_list} → data.delete_list [{fileID, code}]
 *   `cloud.downloadFile` = a temp URL + GET.
 * Mini-program (client; h5 through the gateway's API door, answers shaped like wx.cloud's):
 *   POST /api/__storage/uploadFile?cloudPath=…  raw bytes  → { fileID, statusCode, errMsg: 'cloud.uploadFile:ok' }
 *   POST /api/__storage/getTempFileURL { fileList }        → { fileList: [{fileID, tempFileURL, maxAge, status, errMsg}], errMsg }
 *   subject to the storage rules (rules.ts); identity = x-dev-openid.
 * Temp URLs: GET /__storage/file/<cloudPath>?sign=…&t=<expiry s> on the emulator and the gateway;
 * default 2 h, at most 1 day (platform); expired or forged → 403 COS XML.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { FileStore, checkCloudPath, fileIdOf, pathOfFileId, type FileMeta } from './files';
import { canRead, canWrite, modeFor, readRules } from './rules';

export { FileStore, fileIdOf, LOCAL_BUCKET, LOCAL_ENV } from './files';
export { readRules, writeRules, type StorageRules, type StorageMode } from './rules';

export const DEFAULT_MAX_AGE = 7200;
export const MAX_MAX_AGE = 86400;
/** Largest file accepted (local choice, see emulator/README.md; COS itself takes up to 5 GB per PUT). */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
const UPLOAD_TOKEN_MS = 10 * 60 * 1000;

export interface StorageOptions {
  dataDir: string;
  fsync?: boolean;
  maxFileBytes?: number;
  /** origin put into temp URLs (the gateway's, so a browser can load them); default: the Host the SDK called */
  publicBase?: string;
  /** clock for expiry (tests) */
  now?: () => number;
}

type Code = 'SUCCESS' | 'STORAGE_FILE_NONEXIST' | 'STORAGE_EXCEED_AUTHORITY' | 'INVALID_PARAM';
const STATUS: Record<Code, number> = { SUCCESS: 0, STORAGE_FILE_NONEXIST: -503003, STORAGE_EXCEED_AUTHORITY: -503002, INVALID_PARAM: -501007 };
const CLIENT_MSG: Record<Code, string> = { SUCCESS: 'ok', STORAGE_FILE_NONEXIST: 'storage file not exists', STORAGE_EXCEED_AUTHORITY: 'storage permission denied', INVALID_PARAM: 'Invalid parameter' };

interface ActionReq { headers: http.IncomingHttpHeaders; body: Buffer }

export interface ClientFail { status: number; errCode: number; errMsg: string }

export interface Storage {
  files: FileStore;
  /** extra actions for the emulator's /admin */
  actions: Record<string, (req: ActionReq) => Promise<unknown>>;
  /** serves /__storage/upload/<token> (PUT) and /__storage/file/<path> (GET/HEAD); false when not a storage path */
  handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
  /** serves /api/__storage/* for the h5 client (gateway) */
  handleClient(req: http.IncomingMessage, res: http.ServerResponse, openid: string): Promise<boolean>;
  setPublicBase(base: string): void;
  /** temp URL of a stored file (what batchGetDownloadUrl hands out) */
  tempUrl(cloudPath: string, maxAge?: number, base?: string): string;
}

const xmlError = (code: string, message: string) =>
  `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n<Resource>local</Resource>\n<RequestId>local</RequestId>\n<TraceId>local</TraceId>\n</Error>`;

function sendXml(res: http.ServerResponse, status: number, code: string, message: string) {
  const body = xmlError(code, message);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Reads a body up to `max` bytes; resolves null when it is larger (the rest is drained, not kept). */
function readLimited(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) { over = true; chunks.length = 0; return; }
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const baseOf = (headers: http.IncomingHttpHeaders) => `http://${String(headers.host ?? '127.0.0.1')}`;
const clampAge = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(Math.floor(v), MAX_MAX_AGE) : DEFAULT_MAX_AGE);

export function createStorage(opts: StorageOptions): Storage {
  const files = new FileStore(opts.dataDir, opts.fsync ?? true);
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const now = opts.now ?? Date.now;
  let publicBase = opts.publicBase?.replace(/\/$/, '');
  /** pending uploads: token → cloudPath (the SDK PUTs within moments of asking) */
  const uploads = new Map<string, { cloudPath: string; expires: number; owner: string }>();

  const tempUrl = (cloudPath: string, maxAge = DEFAULT_MAX_AGE, base?: string) => {
    const expires = Math.floor(now() / 1000) + maxAge;
    return `${publicBase ?? base ?? ''}/__storage/file/${cloudPath}?sign=${files.sign(cloudPath, expires)}&t=${expires}`;
  };

  const newUpload = (cloudPath: string, owner: string) => {
    const token = randomBytes(16).toString('hex');
    const t = now();
    for (const [k, u] of uploads) if (u.expires < t) uploads.delete(k);
    uploads.set(token, { cloudPath, expires: t + UPLOAD_TOKEN_MS, owner });
    return token;
  };

  /** One entry of a temp-URL request, for the admin (`openid` null) or a client. */
  const download = (entry: { fileID?: unknown; maxAge?: unknown }, base: string, openid: string | null) => {
    const maxAge = clampAge(entry.maxAge);
    const p = pathOfFileId(entry.fileID);
    const meta = p ? files.stat(p) : null;
    let code: Code = 'SUCCESS';
    if (!p || !meta) code = 'STORAGE_FILE_NONEXIST';
    else if (openid !== null && !canRead(modeFor(readRules(files.root), p), openid, meta.owner)) code = 'STORAGE_EXCEED_AUTHORITY';
    return { fileID: String(entry.fileID), code, maxAge, tempFileURL: code === 'SUCCESS' ? tempUrl(p!, maxAge, base) : '', ...(code === 'SUCCESS' ? {} : { message: CLIENT_MSG[code] }) };
  };

  const actions: Storage['actions'] = {
    async 'storage.getUploadMetadata'(req) {
      const params = parseJson(req.body) ?? {};
      const bad = checkCloudPath(params.path);
      if (bad) return { code: 'INVALID_PARAM', message: `[storage] ${bad}` };
      const cloudPath = params.path as string;
      const token = newUpload(cloudPath, '');
      const fileId = fileIdOf(cloudPath);
      return {
        data: { url: `${baseOf(req.headers)}/__storage/upload/${token}`, token, authorization: `local ${token}`, fileId, cosFileId: token },
      };
    },
    async 'storage.batchGetDownloadUrl'(req) {
      const params = parseJson(req.body) ?? {};
      const list = params.file_list;
      if (!Array.isArray(list) || !list.length) return { code: 'INVALID_PARAM', message: 'file_list must be a non-empty array' };
      if (list.length > 50) return { code: 'INVALID_PARAM', message: 'at most 50 files per request' };
      const base = baseOf(req.headers);
      const one = (f: { fileid?: unknown; max_age?: unknown }) => download({ fileID: f?.fileid, maxAge: f?.max_age }, base, null);
      return { data: { download_list: list.map(one) } };
    },
    async 'storage.batchDeleteFile'(req) {
      const params = parseJson(req.body) ?? {};
      const list = params.fileid_list;
      if (!Array.isArray(list) || !list.length) return { code: 'INVALID_PARAM', message: 'fileid_list must be a non-empty array' };
      if (list.length > 50) return { code: 'INVALID_PARAM', message: 'at most 50 files per request' };
      return {
        data: {
          delete_list: list.map((fileID: unknown) => {
            const p = pathOfFileId(fileID);
            return { fileID: String(fileID), code: p && files.remove(p) ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' };
          }),
        },
      };
    },
  };

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://local');
    const up = /^\/__storage\/upload\/([0-9a-f]{32})$/.exec(url.pathname);
    if (up && req.method === 'PUT') {
      const pending = uploads.get(up[1]);
      if (!pending || pending.expires < now() || req.headers['x-cos-security-token'] !== up[1]) {
        await readLimited(req, 0);
        sendXml(res, 403, 'AccessDenied', 'Request has expired or the signature does not match');
        return true;
      }
      const data = await readLimited(req, maxBytes);
      if (!data) {
        sendXml(res, 400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${maxBytes} bytes)`);
        return true;
      }
      uploads.delete(up[1]);
      files.put(pending.cloudPath, data, pending.owner);
      res.writeHead(200, { 'content-length': 0 });
      res.end();
      return true;
    }
    if (url.pathname.startsWith('/__storage/file/') && (req.method === 'GET' || req.method === 'HEAD')) {
      let cloudPath: string;
      try { cloudPath = decodeURIComponent(url.pathname.slice('/__storage/file/'.length)); } catch { cloudPath = ''; }
      const t = Number(url.searchParams.get('t'));
      const sign = url.searchParams.get('sign') ?? '';
      if (checkCloudPath(cloudPath) || !Number.isInteger(t) || !files.verify(cloudPath, t, sign)) {
        sendXml(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
        return true;
      }
      if (t * 1000 < now()) {
        sendXml(res, 403, 'AccessDenied', 'Request has expired');
        return true;
      }
      const meta = files.stat(cloudPath);
      const data = meta ? files.read(cloudPath) : null;
      if (!meta || !data) {
        sendXml(res, 404, 'NoSuchKey', 'The specified key does not exist.');
        return true;
      }
      res.writeHead(200, { 'content-type': meta.contentType, 'content-length': data.length, 'cache-control': 'private, max-age=600' });
      res.end(req.method === 'HEAD' ? undefined : data);
      return true;
    }
    return false;
  }

  async function handleClient(req: http.IncomingMessage, res: http.ServerResponse, openid: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://local');
    const fail = (api: string, code: Code | 'UNAUTHENTICATED' | 'TOO_LARGE', detail: string, status = 400) => {
      const errCode = code === 'UNAUTHENTICATED' ? -501007 : code === 'TOO_LARGE' ? -503001 : STATUS[code];
      sendJson(res, status, { errCode, errMsg: `cloud.${api}:fail ${detail}` } satisfies Omit<ClientFail, 'status'>);
      return true;
    };
    if (url.pathname === '/api/__storage/uploadFile' && req.method === 'POST') {
      if (!openid) { await readLimited(req, 0); return fail('uploadFile', 'UNAUTHENTICATED', 'no user identity', 401); }
      const cloudPath = url.searchParams.get('cloudPath') ?? '';
      const bad = checkCloudPath(cloudPath);
      if (bad) { await readLimited(req, 0); return fail('uploadFile', 'INVALID_PARAM', bad); }
      const existing = files.stat(cloudPath);
      if (!canWrite(modeFor(readRules(files.root), cloudPath), openid, existing?.owner)) {
        await readLimited(req, 0);
        return fail('uploadFile', 'STORAGE_EXCEED_AUTHORITY', 'storage permission denied', 403);
      }
      const data = await readLimited(req, maxBytes);
      if (!data) return fail('uploadFile', 'TOO_LARGE', `EntityTooLarge: file over ${maxBytes} bytes`, 413);
      const meta: FileMeta = files.put(cloudPath, data, openid);
      sendJson(res, 200, { fileID: meta.fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' });
      return true;
    }
    if (url.pathname === '/api/__storage/getTempFileURL' && req.method === 'POST') {
      const params = parseJson((await readLimited(req, 256 * 1024)) ?? Buffer.alloc(0));
      const list = params?.fileList;
      if (!openid) return fail('getTempFileURL', 'UNAUTHENTICATED', 'no user identity', 401);
      if (!Array.isArray(list) || !list.length || list.length > 50) return fail('getTempFileURL', 'INVALID_PARAM', 'fileList must be an array of 1-50 file ids');
      const base = baseOf(req.headers);
      const out = list.map((f: unknown) => {
        const entry = typeof f === 'string' ? { fileID: f } : (f as { fileID?: unknown; maxAge?: unknown }) ?? {};
        const d = download(entry, base, openid);
        return { fileID: d.fileID, tempFileURL: d.tempFileURL, maxAge: d.maxAge, status: STATUS[d.code], errMsg: CLIENT_MSG[d.code] };
      });
      sendJson(res, 200, { fileList: out, errMsg: 'cloud.getTempFileURL:ok' });
      return true;
    }
    return false;
  }

  return {
    files,
    actions,
    handleHttp,
    handleClient,
    setPublicBase(base) { publicBase = base.replace(/\/$/, ''); },
    tempUrl,
  };
}
