import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { serveStatic } from '../../emulator/gateway/static';

// The local server sends the h5 bundles gzipped (the first-load budget counts transferred bytes).
let dir: string;
let server: http.Server;
let base: string;
const BIG = `console.log(${JSON.stringify('双报到'.repeat(2000))});`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'static-gz-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>h5</title>');
  fs.writeFileSync(path.join(dir, 'app.js'), BIG);
  fs.writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(4096, 1));
  server = http.createServer((req, res) => serveStatic(dir, req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(p: string, encoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${base}${p}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('JavaScript goes out gzipped to a client that accepts it, and decodes to the file', async () => {
  const r = await get('/app.js', 'gzip, deflate, br');
  expect(r.headers['content-encoding']).toBe('gzip');
  expect(r.headers.vary).toBe('Accept-Encoding');
  expect(r.body.length).toBeLessThan(Buffer.byteLength(BIG) / 5);
  expect(zlib.gunzipSync(r.body).toString('utf8')).toBe(BIG);
  // served again from the cache: same bytes
  expect((await get('/app.js', 'gzip')).body.equals(r.body)).toBe(true);
});

test('plain bytes without Accept-Encoding, and images are never gzipped', async () => {
  const plain = await get('/app.js');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString('utf8')).toBe(BIG);
  const png = await get('/logo.png', 'gzip');
  expect(png.headers['content-encoding']).toBeUndefined();
  expect(png.body.length).toBe(4096);
});

test('a rebuilt file is compressed again, not served stale from the cache', async () => {
  const next = `${BIG}\nconsole.log('v2');`;
  fs.writeFileSync(path.join(dir, 'app.js'), next);
  const r = await get('/app.js', 'gzip');
  expect(zlib.gunzipSync(r.body).toString('utf8')).toBe(next);
});
