import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

/** Serves the h5 build (dist-h5/) with SPA fallback: an unknown path without an extension gets index.html. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://local');
  let rel: string;
  try { rel = decodeURIComponent(url.pathname); } catch { rel = '/'; }
  const base = path.resolve(root);
  let file = path.resolve(base, '.' + rel);
  if (file !== base && !file.startsWith(base + path.sep)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    if (path.extname(rel)) { res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found'); return; }
    file = path.join(base, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('h5 app not built: run `npm run build:h5`');
      return;
    }
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  // index.html must never be cached (it names the hashed bundles); hashed assets may be.
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600';
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': cache };
  if (COMPRESSIBLE.test(file)) {
    headers.vary = 'Accept-Encoding';
    const gz = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) ? gzipped(file) : null;
    if (gz) {
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': String(gz.length) });
      res.end(req.method === 'HEAD' ? undefined : gz);
      return;
    }
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') { res.end(); return; }
  fs.createReadStream(file).pipe(res);
}

/** Text assets are sent gzipped to clients that accept it (the h5 first load is mostly JavaScript). */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|svg|txt|map)$/i;
const MIN_COMPRESS = 1024;
/** file → gzipped bytes, reused while the file is unchanged (a rebuild changes mtime and size) */
const cache = new Map<string, { mtimeMs: number; size: number; gz: Buffer | null }>();

function gzipped(file: string): Buffer | null {
  const st = fs.statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.gz;
  const gz = st.size < MIN_COMPRESS ? null : zlib.gzipSync(fs.readFileSync(file), { level: 9 });
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, gz });
  return gz;
}
