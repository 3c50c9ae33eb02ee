/**
 * Cloud storage files on disk, under `<DATA_DIR>/storage/`:
 *   blobs/<cloudPath>        the bytes
 *   meta/<cloudPath>.json    { fileID, cloudPath, size, owner, contentType, createdAt }
 *   secret                   HMAC key of temp URLs (created once, so URLs survive a restart)
 *   rules.json               who may read/write from the mini-program (see rules.ts)
 * A write is blob then meta, each written aside, fsync'd and renamed over: after `kill -9` a file
 * is either fully there (meta present) or absent; a blob without meta is invisible.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FileMeta {
  fileID: string;
  cloudPath: string;
  size: number;
  /** openid of the mini-program user who uploaded it; '' for a function (admin) upload */
  owner: string;
  contentType: string;
  createdAt: string;
}

/** `cloud://<env>.<bucket>/<path>` as on the platform (bucket = `<hex>-<env>-<appid number>`). */
export const LOCAL_ENV = 'local';
export const LOCAL_BUCKET = '6c6f-local-1300000000';

/** Characters the platform accepts in a cloudPath (letters, digits, CJK, and `/!-_.*()`, space). */
const PATH_RE = /^[\p{L}\p{N}/!\-_.*() ]+$/u;
const MAX_PATH = 850;

export function checkCloudPath(p: unknown): string | null {
  if (typeof p !== 'string' || !p) return 'cloudPath must be a non-empty string';
  if (p.length > MAX_PATH) return `cloudPath longer than ${MAX_PATH}`;
  if (p.startsWith('/') || p.endsWith('/')) return 'cloudPath must not start or end with /';
  if (p.split('/').some((seg) => !seg || seg === '.' || seg === '..')) return 'cloudPath has an empty, . or .. segment';
  if (!PATH_RE.test(p)) return 'cloudPath has characters outside letters, digits and /!-_.*() ';
  return null;
}

export function fileIdOf(cloudPath: string, env = LOCAL_ENV, bucket = LOCAL_BUCKET): string {
  return `cloud://${env}.${bucket}/${cloudPath}`;
}

/** cloudPath of a file id of THIS environment and bucket, else null. */
export function pathOfFileId(fileID: unknown, env = LOCAL_ENV, bucket = LOCAL_BUCKET): string | null {
  if (typeof fileID !== 'string') return null;
  const prefix = `cloud://${env}.${bucket}/`;
  if (!fileID.startsWith(prefix)) return null;
  const p = fileID.slice(prefix.length);
  return checkCloudPath(p) ? null : p;
}

const MIME: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.pdf': 'application/pdf', '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.txt': 'text/plain; charset=utf-8', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8',
};
export const mimeOf = (p: string) => MIME[path.extname(p).toLowerCase()] ?? 'application/octet-stream';

function writeAtomic(file: string, data: Buffer | string, fsync: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    if (fsync) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export class FileStore {
  readonly root: string;
  private readonly secret: Buffer;

  constructor(dataDir: string, private readonly fsync = true) {
    this.root = path.join(dataDir, 'storage');
    fs.mkdirSync(this.root, { recursive: true });
    const secretFile = path.join(this.root, 'secret');
    if (!fs.existsSync(secretFile)) writeAtomic(secretFile, randomBytes(32).toString('hex'), fsync);
    this.secret = Buffer.from(fs.readFileSync(secretFile, 'utf8').trim(), 'hex');
  }

  private blob(p: string) { return path.join(this.root, 'blobs', p); }
  private meta(p: string) { return path.join(this.root, 'meta', `${p}.json`); }

  put(cloudPath: string, data: Buffer, owner: string): FileMeta {
    const m: FileMeta = {
      fileID: fileIdOf(cloudPath), cloudPath, size: data.length, owner, contentType: mimeOf(cloudPath), createdAt: new Date().toISOString(),
    };
    writeAtomic(this.blob(cloudPath), data, this.fsync);
    writeAtomic(this.meta(cloudPath), JSON.stringify(m), this.fsync);
    return m;
  }

  stat(cloudPath: string): FileMeta | null {
    try {
      return JSON.parse(fs.readFileSync(this.meta(cloudPath), 'utf8')) as FileMeta;
    } catch {
      return null;
    }
  }

  read(cloudPath: string): Buffer | null {
    if (!this.stat(cloudPath)) return null;
    try { return fs.readFileSync(this.blob(cloudPath)); } catch { return null; }
  }

  remove(cloudPath: string): boolean {
    if (!this.stat(cloudPath)) return false;
    fs.rmSync(this.meta(cloudPath), { force: true });
    fs.rmSync(this.blob(cloudPath), { force: true });
    return true;
  }

  /** Signature of a temp URL: HMAC over path and expiry (seconds since epoch). */
  sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }

  verify(cloudPath: string, expires: number, sign: string): boolean {
    const want = Buffer.from(this.sign(cloudPath, expires));
    const got = Buffer.from(sign);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}
