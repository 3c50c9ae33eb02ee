/**
 * Cloud storage conformance through the unmodified wx-server-sdk (functions) and the gateway's
 * client door (what the h5 build's uploadFile / getTempFileURL use), against documented platform
 * behaviour: `cloud://` ids, temp URLs that expire (default 2 h, max 1 day), -503003 for a missing
 * file, -503002 when storage permissions refuse, files surviving a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnv } from '../../emulator/env';
import { startGateway, type Gateway } from '../../emulator/gateway';
import { startEmulator, type Emulator, type ExtraAction } from '../../emulator/server';
import { createStorage, writeRules, type Storage } from '../../emulator/storage';

type Cloud = typeof import('wx-server-sdk');
let cloud: Cloud;
let dataDir: string;
let emulator: Emulator;
let gateway: Gateway;
let storage: Storage;
let clock = Date.now();

async function start(maxFileBytes?: number) {
  storage = createStorage({ dataDir, fsync: false, now: () => clock, maxFileBytes });
  emulator = await startEmulator({ port: 0, dataDir, fsync: false, extraActions: storage.actions as Record<string, ExtraAction>, routes: storage.handleHttp });
  gateway = await startGateway({ port: 0, functionsDir: dataDir, storage, timers: false });
  Object.assign(process.env, sdkEnv(emulator.port));
}
async function stop() {
  await gateway.close();
  await emulator.close();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-'));
  await start();
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
});
afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const bytes = (n: number, seed = 7) => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed + 3) % 256));
async function rejection(p: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string; message?: string }> {
  try { await p; } catch (e) { return e as { errCode?: number; errMsg?: string }; }
  throw new Error('expected a failure');
}
const clientUpload = (openid: string, cloudPath: string, body: Buffer) =>
  fetch(`${gateway.url}/api/__storage/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'x-dev-openid': openid }, body: new Uint8Array(body) });
const clientTempUrl = async (openid: string, fileList: unknown[]) =>
  (await (await fetch(`${gateway.url}/api/__storage/getTempFileURL`, { method: 'POST', headers: { 'x-dev-openid': openid, 'content-type': 'application/json' }, body: JSON.stringify({ fileList }) })).json()) as {
    errMsg: string; fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg: string; maxAge: number }>;
  };

describe('functions (wx-server-sdk as admin)', () => {
  it('uploadFile → getTempFileURL → GET gives the same bytes; downloadFile too', async () => {
    const content = bytes(300_000);
    const up = await cloud.uploadFile({ cloudPath: 'evidence/愿望/photo 1.png', fileContent: content });
    expect(up.fileID).toBe('cloud://local.6c6f-local-1300000000/evidence/愿望/photo 1.png');
    const t = await cloud.getTempFileURL({ fileList: [up.fileID] });
    const [f] = t!.fileList;
    expect(f).toMatchObject({ fileID: up.fileID, status: 0, errMsg: 'ok' });
    const res = await fetch(encodeURI(f.tempFileURL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    const down = await cloud.downloadFile({ fileID: up.fileID });
    expect(Buffer.compare(down.fileContent as Buffer, content)).toBe(0);
  });

  it('the functions/_lib/storage helper: putFile, readFile, tempUrls, removeFiles', async () => {
    const lib = await import('../../functions/_lib/storage');
    const id = await lib.putFile('exports/roster.xlsx', Buffer.from('xlsx bytes'));
    expect((await lib.readFile(id)).toString()).toBe('xlsx bytes');
    const urls = await lib.tempUrls([id, 'cloud://local.6c6f-local-1300000000/nope.png']);
    expect(Object.keys(urls)).toEqual([id]);
    await lib.removeFiles([id, id]);
    expect(await lib.tempUrls([id])).toEqual({});
    await expect(lib.readFile(id)).rejects.toThrow(/storage file not exists/);
  });

  it('deleteFile removes the file; a second delete and a temp URL answer -503003', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'tmp/a.txt', fileContent: Buffer.from('a') });
    const del = await cloud.deleteFile({ fileList: [fileID] });
    expect(del!.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    const again = await cloud.deleteFile({ fileList: [fileID] });
    expect(again!.fileList[0].status).toBe(-503003);
    const t = await cloud.getTempFileURL({ fileList: [fileID] });
    expect(t!.fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' });
    const err = await rejection(cloud.downloadFile({ fileID }));
    expect(err.errMsg).toMatch(/storage file not exists/);
  });

  it('a temp URL expires (default 2 h; maxAge capped at 1 day); a forged one is refused', async () => {
    const { fileID } = await cloud.uploadFile({ cloudPath: 'tmp/expiring.txt', fileContent: Buffer.from('x') });
    const start = clock;
    const { fileList: [def] } = (await cloud.getTempFileURL({ fileList: [fileID] }))!;
    const { fileList: [long] } = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: 10 * 86400 }] }))!;
    expect(def.maxAge ?? 7200).toBe(7200);
    expect(long.maxAge).toBe(86400);
    expect((await fetch(def.tempFileURL)).status).toBe(200);
    clock = start + 7201_000;
    const expired = await fetch(def.tempFileURL);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/<Code>AccessDenied<\/Code>/);
    expect((await fetch(long.tempFileURL)).status).toBe(200);
    clock = start + 86401_000;
    expect((await fetch(long.tempFileURL)).status).toBe(403);
    clock = start;
    const forged = def.tempFileURL.replace(/sign=[0-9a-f]/, (m) => (m.endsWith('0') ? m.slice(0, -1) + '1' : m.slice(0, -1) + '0'));
    expect((await fetch(forged)).status).toBe(403);
    const otherFile = def.tempFileURL.replace('expiring.txt', 'a.txt');
    expect((await fetch(otherFile)).status).toBe(403);
  });

  it('bad cloudPath and a file over the size limit fail like the platform', async () => {
    // the SDK turns the refused upload metadata into a failed uploadFile; nothing is written
    await rejection(cloud.uploadFile({ cloudPath: '../etc/passwd', fileContent: Buffer.from('x') }));
    expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, 'storage', 'blobs')).join()).not.toMatch(/etc/);
    await stop();
    await start(1024);
    try {
      // COS answers EntityTooLarge XML; the SDK surfaces it as STORAGE_REQUEST_FAIL's message
      const big = await rejection(cloud.uploadFile({ cloudPath: 'tmp/big.bin', fileContent: bytes(2048) }));
      expect(big.errMsg).toMatch(/EntityTooLarge/);
      const client = await clientUpload('user-a', 'tmp/big2.bin', bytes(2048));
      expect(client.status).toBe(413);
      expect(await client.json()).toMatchObject({ errCode: -503001, errMsg: expect.stringMatching(/^cloud.uploadFile:fail EntityTooLarge/) });
      expect(storage.files.stat('tmp/big.bin')).toBeNull();
    } finally {
      await stop();
      await start();
    }
  });
});

describe('mini-program client (h5 through the gateway), storage permissions as data', () => {
  it('the uploader reads its file; another user is refused under the default PRIVATE rule', async () => {
    const content = bytes(5000, 13);
    const res = await clientUpload('user-a', 'uploads/user-a/p.jpg', content);
    expect(res.status).toBe(200);
    const up = (await res.json()) as { fileID: string; statusCode: number; errMsg: string };
    expect(up).toEqual({ fileID: 'cloud://local.6c6f-local-1300000000/uploads/user-a/p.jpg', statusCode: 200, errMsg: 'cloud.uploadFile:ok' });

    const mine = await clientTempUrl('user-a', [up.fileID]);
    expect(mine.errMsg).toBe('cloud.getTempFileURL:ok');
    expect(mine.fileList[0]).toMatchObject({ status: 0, errMsg: 'ok', maxAge: 7200 });
    const got = await fetch(mine.fileList[0].tempFileURL);
    expect(Buffer.from(await got.arrayBuffer()).equals(content)).toBe(true);

    const theirs = await clientTempUrl('user-b', [up.fileID]);
    expect(theirs.fileList[0]).toMatchObject({ status: -503002, errMsg: 'storage permission denied', tempFileURL: '' });
    // overwriting someone else's file is refused too
    const over = await clientUpload('user-b', 'uploads/user-a/p.jpg', Buffer.from('x'));
    expect(over.status).toBe(403);
    expect(await over.json()).toMatchObject({ errCode: -503002 });
    // no identity: refused
    expect((await fetch(`${gateway.url}/api/__storage/uploadFile?cloudPath=x.png`, { method: 'POST', body: 'x' })).status).toBe(401);
    // a function (admin) still reads it
    expect((await cloud.getTempFileURL({ fileList: [up.fileID] }))!.fileList[0].status).toBe(0);
  });

  it('rules.json applies at once: READONLY prefix lets everyone read, ADMINONLY refuses client writes', async () => {
    writeRules(storage.files.root, { default: 'PRIVATE', paths: [{ prefix: 'public/', mode: 'READONLY' }, { prefix: 'admin/', mode: 'ADMINONLY' }] });
    const pub = (await (await clientUpload('user-a', 'public/banner.png', Buffer.from('png'))).json()) as { fileID: string };
    expect((await clientTempUrl('user-b', [pub.fileID])).fileList[0].status).toBe(0);
    const refused = await clientUpload('user-a', 'admin/x.png', Buffer.from('png'));
    expect(refused.status).toBe(403);
    const { fileID } = await cloud.uploadFile({ cloudPath: 'admin/x.png', fileContent: Buffer.from('by function') });
    expect((await clientTempUrl('user-a', [fileID])).fileList[0].status).toBe(-503002);
    writeRules(storage.files.root, { default: 'PRIVATE' });
  });
});

it('files and temp URLs survive a restart of the emulator', async () => {
  const content = bytes(10_000, 29);
  const { fileID } = await cloud.uploadFile({ cloudPath: 'durable/cert.pdf', fileContent: content });
  const { fileList: [f] } = (await cloud.getTempFileURL({ fileList: [fileID] }))!;
  await stop();
  await start();
  const down = await cloud.downloadFile({ fileID });
  expect(Buffer.compare(down.fileContent as Buffer, content)).toBe(0);
  // a URL handed out before the restart still works until it expires (the signing key is in DATA_DIR)
  const viaOldUrl = await fetch(f.tempFileURL.replace(/:\d+\//, `:${emulator.port}/`));
  expect(viaOldUrl.status).toBe(200);
  expect(viaOldUrl.headers.get('content-type')).toBe('application/pdf');
});
