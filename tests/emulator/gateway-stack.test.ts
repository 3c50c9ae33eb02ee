/**
 * The whole local stack as `npm start` runs it: real function bundles built from functions/,
 * seeded demo data with the documented counts, bootstrap, and the openapi inspection endpoints.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnv } from '../../emulator/env';
import { startGateway } from '../../emulator/gateway';
import { expectedCounts } from '../../scripts/seed/data';
import { demoUsers } from '../../core/demo/users';
import { startStack, type Stack } from '../../scripts/stack';
import { collectionNames } from '../../core/db/schema';

type Cloud = typeof import('wx-server-sdk');
const NOW = new Date('2026-11-22T04:00:00Z');
let stack: Stack;
let dataDir: string;
let functionsDir: string;
let db: ReturnType<Cloud['database']>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-data-'));
  fs.rmdirSync(dataDir); // a data dir that does not exist yet = first start
  functionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-fn-'));
  stack = await startStack({ port: 0, emulatorPort: 0, dataDir, functionsDir, seed: true, seedNow: NOW, staticDir: null, timers: false, fsync: false });
  Object.assign(process.env, sdkEnv(stack.emulatorPort));
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  db = cloud.database();
}, 120_000);

afterAll(async () => {
  await stack?.close();
  for (const d of [dataDir, functionsDir]) fs.rmSync(d, { recursive: true, force: true });
});

const count = async (collection: string, where?: Record<string, unknown>) =>
  ((await (where ? db.collection(collection).where(where) : db.collection(collection)).count()) as { total: number }).total;
const getDoc = async (collection: string, id: string) => ((await db.collection(collection).doc(id).get()) as { data: Record<string, unknown> }).data;

test('first start seeds the documented counts', async () => {
  expect(stack.seeded).toBe(true);
  expect(stack.seedLog.some((l) => /^seed orgs .*orgs=10 units=3 admins=4/.test(l))).toBe(true);
  expect(stack.seedLog.some((l) => /^seed people .*members=64 reports=48/.test(l))).toBe(true);
  const want = expectedCounts(NOW);
  expect(want).toEqual({ orgs: 10, units: 3, admins: 4, members: 64, reports: 48, approved: 36, pending: 12 });
  expect(await count('orgs')).toBe(10);
  expect(await count('orgs', { kind: 'grid' })).toBe(3);
  expect(await count('orgs', { kind: 'community' })).toBe(4);
  expect(await count('orgs', { kind: 'street' })).toBe(2);
  expect(await count('units')).toBe(3);
  expect(await count('admins')).toBe(4);
  expect(await count('members')).toBe(64);
  expect(await count('reports')).toBe(48);
  expect(await count('reports', { status: 'approved' })).toBe(36);
  expect(await count('reports', { status: 'pending' })).toBe(12);
  // every community has reported members, so every admin view has something to show
  for (const c of ['comm-1', 'comm-2', 'comm-3', 'comm-4']) expect(await count('reports', { communityId: c })).toBeGreaterThan(0);
});

test('the fixed demo users are what the switcher promises', async () => {
  const m1 = await getDoc('members', 'demo-member-1');
  expect(m1).toMatchObject({ name: '张伟', unitId: 'unit-1', unitStatus: 'verified', communityId: 'comm-1' });
  const r1 = await getDoc('reports', String(m1.reportId));
  expect(r1).toMatchObject({ status: 'approved', communityId: 'comm-1', openid: 'demo-member-1' });
  expect(await count('members', { _id: 'demo-newcomer' })).toBe(0);
  for (const [id, role, scope] of [['demo-super', 'super', 'root'], ['demo-street-1', 'street', 'street-1'], ['demo-community-1', 'community', 'comm-1'], ['demo-unit-1', 'unit', 'unit-1']]) {
    expect(await count('admins', { _id: `${role}:${scope}:${id}`, openid: id })).toBe(1);
  }
  expect(demoUsers.map((u) => u.openid)).toEqual(['demo-super', 'demo-street-1', 'demo-community-1', 'demo-unit-1', 'demo-member-1', 'demo-newcomer']);
  const units = ((await db.collection('units').get()) as unknown as { data: Array<{ inviteCode: string }> }).data;
  for (const u of units) expect(u.inviteCode).toMatch(/^[A-Z0-9]{6}$/);
});

test('a real function answers through the gateway with the seeded data', async () => {
  const res = await fetch(`${stack.url}/api/member`, { method: 'POST', headers: { 'x-dev-openid': 'demo-member-1' }, body: JSON.stringify({ action: 'whoami' }) });
  expect(res.status).toBe(200);
  const body = ((await res.json()) as { result: { ok: boolean; data?: { profile?: { name: string } } } }).result;
  expect(body.ok).toBe(true);
  expect(body.data?.profile?.name).toBe('张伟');
});

test('a restart keeps the data and does not seed again', async () => {
  await stack.close();
  stack = await startStack({ port: 0, emulatorPort: 0, dataDir, functionsDir, build: false, seed: true, staticDir: null, timers: false, fsync: false });
  expect(stack.seeded).toBe(false);
  Object.assign(process.env, sdkEnv(stack.emulatorPort));
  expect(await count('members')).toBe(64);
}, 60_000);

test('bootstrap: idempotent collections + super admins from SUPER_ADMIN_OPENIDS; refuses other callers', async () => {
  const gw = await startGateway({ port: 0, emulatorPort: stack.emulatorPort, functionsDir, timers: false, env: { SUPER_ADMIN_OPENIDS: 'root-admin-1, root-admin-2' } });
  try {
    const call = async (openid?: string) => {
      const res = await fetch(`${gw.url}/api/bootstrap`, { method: 'POST', headers: openid ? { 'x-dev-openid': openid } : {}, body: '{}' });
      return ((await res.json()) as { result: unknown }).result as { ok: boolean; code?: string; data?: { collections: { created: string[]; existing: string[] }; superAdmins: { added: string[]; existing: string[] }; console: { indexes: string[]; rules: string[] } } };
    };
    expect(await call('demo-member-1')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const first = await call();
    expect(first.ok).toBe(true);
    expect(first.data!.superAdmins.added).toEqual(['root-admin-1', 'root-admin-2']);
    expect(first.data!.collections.created.length + first.data!.collections.existing.length).toBe(collectionNames.length);
    expect(first.data!.console.indexes.some((l) => l.startsWith('units: 索引 invite 唯一'))).toBe(true);
    const second = await call('root-admin-1');
    expect(second.data!.superAdmins).toMatchObject({ added: [], existing: ['root-admin-1', 'root-admin-2'] });
    expect(await count('admins', { _id: 'super:root:root-admin-1', role: 'super', scopeId: 'root' })).toBe(1);
  } finally {
    await gw.close();
  }
}, 30_000);

test('the gateway serves the openapi outbox and consent endpoints of the stack', async () => {
  const sub = await fetch(`${stack.url}/__emulator/subscribe`, { method: 'POST', body: JSON.stringify({ openid: 'demo-member-1', templateIds: ['T1'] }) });
  expect(sub.status).toBe(200);
  expect(stack.openapi.remaining('demo-member-1', 'T1')).toBe(1);
  const outbox = (await (await fetch(`${stack.url}/__emulator/outbox`)).json()) as { messages: unknown[] };
  expect(Array.isArray(outbox.messages)).toBe(true);
});

test('every real bundle is deployable: one file, no local identity path, every run-time require installed by its package.json', () => {
  const names = fs.readdirSync(functionsDir).filter((n) => fs.existsSync(path.join(functionsDir, n, 'index.js')));
  expect(names).toEqual(expect.arrayContaining(['bootstrap', 'member']));
  const builtins = new Set(require('node:module').builtinModules as string[]);
  for (const n of names) {
    const text = fs.readFileSync(path.join(functionsDir, n, 'index.js'), 'utf8');
    expect(text).not.toMatch(/x-dev-openid/i);
    const pkg = JSON.parse(fs.readFileSync(path.join(functionsDir, n, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
    expect(pkg).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2' } });
    // only node built-ins and the libraries this function's package.json installs (exact versions)
    const requires = [...new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((r) => !r.startsWith('node:') && !builtins.has(r)))];
    expect({ n, missing: requires.filter((r) => !(r in pkg.dependencies)) }).toEqual({ n, missing: [] });
    expect({ n, unused: Object.keys(pkg.dependencies).filter((d) => !requires.includes(d)) }).toEqual({ n, unused: [] });
    for (const v of Object.values(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  }
});
