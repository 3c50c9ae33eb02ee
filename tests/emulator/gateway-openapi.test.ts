/**
 * openapi emulation through the real wx-server-sdk wire format (multipart + protobuf):
 * subscribe consents, outbox, WeChat's field limits, scene rules, and a QR code that decodes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { sdkEnv } from '../../emulator/env';
import { startGateway, type Gateway } from '../../emulator/gateway';
import { createOpenapi, openapiActions, type Openapi } from '../../emulator/openapi';
import { startEmulator, type Emulator } from '../../emulator/server';

// pngjs comes with qrcode (no types of its own)
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

let openapi: Openapi;
let emulator: Emulator;
let gateway: Gateway;
let dataDir: string;
let base: string;
type Cloud = typeof import('wx-server-sdk');
let cloud: Cloud;

beforeAll(async () => {
  openapi = createOpenapi({ h5Base: 'http://127.0.0.1:8080' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-openapi-'));
  // The real emulator with the openapi extra action; the gateway serves /__emulator/outbox etc.
  emulator = await startEmulator({ port: 0, dataDir, fsync: false, extraActions: openapiActions(openapi) });
  gateway = await startGateway({ port: 0, functionsDir: dataDir, inspector: openapi, timers: false });
  base = gateway.url;
  Object.assign(process.env, sdkEnv(emulator.port));
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const message = (over: Record<string, unknown> = {}) => ({
  touser: 'demo-member-1',
  templateId: 'TPL_REPORT_RESULT',
  page: 'pages/report/index',
  data: { thing1: { value: '东湖社区报到已通过' }, phrase2: { value: '已通过' }, name3: { value: '张伟' } },
  ...over,
});

async function sendError(msg: Record<string, unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await cloud.openapi.subscribeMessage.send(msg as never);
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected the send to be refused');
}

test('a send without a consent is refused with 43101, and nothing lands in the outbox', async () => {
  const e = await sendError(message());
  expect(e.errCode).toBe(43101);
  expect(openapi.outbox()).toHaveLength(0);
});

test('one consent allows exactly one message; the outbox records it', async () => {
  const res = await fetch(`${base}/__emulator/subscribe`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: 'demo-member-1', templateIds: ['TPL_REPORT_RESULT'] }),
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ errMsg: 'requestSubscribeMessage:ok', TPL_REPORT_RESULT: 'accept' });

  const ok = await cloud.openapi.subscribeMessage.send(message() as never);
  expect(ok).toMatchObject({ errCode: 0 });

  const outbox = (await (await fetch(`${base}/__emulator/outbox?touser=demo-member-1`)).json()) as { messages: Array<Record<string, unknown>> };
  expect(outbox.messages).toHaveLength(1);
  expect(outbox.messages[0]).toMatchObject({ touser: 'demo-member-1', templateId: 'TPL_REPORT_RESULT', page: 'pages/report/index', data: { thing1: { value: '东湖社区报到已通过' } } });

  // consent used up
  expect((await sendError(message())).errCode).toBe(43101);
  expect(openapi.outbox()).toHaveLength(1);
});

test('field limits: thing > 20, phrase > 5, name > 10 are refused with 47003 and do not use the consent', async () => {
  openapi.subscribe('demo-member-2', ['TPL_X']);
  const cases = [
    { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } }, // 21
    { phrase1: { value: '一二三四五六' } },
    { name1: { value: '一二三四五六七八九十一' } },
  ];
  for (const data of cases) {
    const e = await sendError(message({ touser: 'demo-member-2', templateId: 'TPL_X', data }));
    expect(e.errCode).toBe(47003);
    expect(e.errMsg).toMatch(/data\.\w+\.value invalid/);
  }
  expect(openapi.remaining('demo-member-2', 'TPL_X')).toBe(1);
  // exactly at the limits is fine
  await cloud.openapi.subscribeMessage.send(message({
    touser: 'demo-member-2', templateId: 'TPL_X',
    data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十' }, phrase2: { value: '一二三四五' }, name3: { value: '一二三四五六七八九十' } },
  }) as never);
  expect(openapi.remaining('demo-member-2', 'TPL_X')).toBe(0);
});

test('subscribe endpoint refuses more than 5 templates and a missing openid', async () => {
  const post = (body: unknown) => fetch(`${base}/__emulator/subscribe`, { method: 'POST', body: JSON.stringify(body) });
  expect((await post({ openid: 'a', templateIds: ['1', '2', '3', '4', '5', '6'] })).status).toBe(400);
  expect((await post({ templateIds: ['1'] })).status).toBe(400);
});

test('getUnlimited: scene > 32 chars or a bad char is refused with 40169; page with a query with 41030', async () => {
  for (const scene of ['a'.repeat(33), 'c=中文', 'a b', 'x%20']) {
    await expect(cloud.openapi.wxacode.getUnlimited({ scene, page: 'pages/report/index' } as never)).rejects.toMatchObject({ errCode: 40169 });
  }
  await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'c=comm-1', page: 'pages/report/index?x=1' } as never)).rejects.toMatchObject({ errCode: 41030 });
  await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'c=comm-1', page: '/pages/report/index' } as never)).rejects.toMatchObject({ errCode: 41030 });
});

test('getUnlimited answers a PNG whose QR content opens the page with the scene in the h5 app', async () => {
  const scene = "c=comm-1&u=1!#$'()*+,/:;?@-._~";
  expect(scene.length).toBeLessThanOrEqual(32);
  const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page: 'pages/report/index', width: 280 } as never)) as unknown as { contentType: string; buffer: Buffer; errCode: number };
  expect(res.errCode).toBe(0);
  expect(res.contentType).toBe('image/png');
  expect(Buffer.isBuffer(res.buffer)).toBe(true);
  const png = PNG.sync.read(res.buffer);
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(qr?.data).toBe(`http://127.0.0.1:8080/#/pages/report/index?scene=${encodeURIComponent(scene)}`);
  expect(openapi.qrcodes().at(-1)).toMatchObject({ scene, page: 'pages/report/index' });
});

test('an API the emulation does not cover is refused (48001), not silently accepted', async () => {
  await expect(cloud.openapi.customerServiceMessage.send({ touser: 'u', msgtype: 'text', text: { content: 'x' } } as never)).rejects.toMatchObject({ errCode: 48001 });
});

test('consents and the outbox survive a restart when a file is given', () => {
  const file = path.join(dataDir, 'openapi-state.json');
  const a = createOpenapi({ file });
  a.subscribe('demo-member-9', ['T9', 'T9']);
  const b = createOpenapi({ file });
  expect(b.remaining('demo-member-9', 'T9')).toBe(2);
});
