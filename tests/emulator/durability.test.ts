/**
 * Durability of the journal: SIGKILL under write load loses no acknowledged write and no
 * transaction is half-applied; a torn final record is ignored; one process owns a DATA_DIR.
 * The emulator runs as a child process (`node --import tsx emulator/cli.ts`), spoken to over the raw wire.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator/server';
import { Store } from '../../emulator/store';

const root = path.resolve(__dirname, '../..');

function spawnEmulator(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader (not the tsx wrapper), so SIGKILL hits the emulator process
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'emulator/cli.ts')], {
      cwd: root,
      env: { ...process.env, EMULATOR_PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.stderr!.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${err}`)));
  });
}

function post(port: number, body: unknown): Promise<any> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/admin?env=local', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let s = '';
      res.on('data', (c) => (s += c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(s));
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const insert = (port: number, c: string, doc: Record<string, unknown>, transactionId?: string) =>
  post(port, { action: 'database.insertDocument', collectionName: c, data: [JSON.stringify(doc)], transactionId });

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-durable-'));

test('SIGKILL under write load: every acknowledged write and transaction survives, none half-applied', async () => {
  const dataDir = tmp();
  const first = await spawnEmulator(dataDir);
  const acked = new Set<string>();
  const ackedPairs = new Set<number>();
  let stop = false;
  let n = 0;
  const worker = async (w: number) => {
    while (!stop) {
      const i = n++;
      try {
        if (i % 3 === 0) {
          // a transaction writing two documents: both or neither
          const { transactionId } = await post(first.port, { action: 'database.startTransaction' });
          await insert(first.port, 'ledger', { _id: `p${i}a`, pair: i }, transactionId);
          await insert(first.port, 'ledger', { _id: `p${i}b`, pair: i }, transactionId);
          const r = await post(first.port, { action: 'database.commitTransaction', transactionId });
          if (!r.code) ackedPairs.add(i);
        } else {
          const r = await insert(first.port, 'inbox', { _id: `w${w}-${i}`, i });
          if (r.data?.insertedIds?.[0]) acked.add(r.data.insertedIds[0]);
        }
      } catch {
        return; // connection died with the process
      }
    }
  };
  const workers = Array.from({ length: 6 }, (_x, w) => worker(w));
  // kill once a good number of writes were acknowledged, while the workers keep writing
  for (let waited = 0; acked.size + ackedPairs.size < 150 && waited < 20000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  first.child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  await new Promise((r) => first.child.once('close', r));
  expect(acked.size + ackedPairs.size).toBeGreaterThanOrEqual(150);

  // restart on the same DATA_DIR (the dead owner's lock is taken over)
  const second = await spawnEmulator(dataDir);
  try {
    const ids = new Set<string>();
    for (let offset = 0; ; offset += 100) {
      const r = await post(second.port, { action: 'database.getDocument', collectionName: 'inbox', queryType: 'WHERE', query: '{}', limit: 100, offset });
      const list = r.data.list.map((s: string) => JSON.parse(s)._id as string);
      list.forEach((id: string) => ids.add(id));
      if (list.length < 100) break;
    }
    for (const id of acked) expect(ids.has(id)).toBe(true);
    const pairs = new Map<number, number>();
    for (let offset = 0; ; offset += 100) {
      const r = await post(second.port, { action: 'database.getDocument', collectionName: 'ledger', queryType: 'WHERE', query: '{}', limit: 100, offset });
      const list = r.data.list.map((s: string) => JSON.parse(s));
      for (const d of list) pairs.set(d.pair, (pairs.get(d.pair) ?? 0) + 1);
      if (list.length < 100) break;
    }
    for (const count of pairs.values()) expect(count).toBe(2);
    for (const i of ackedPairs) expect(pairs.get(i)).toBe(2);
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('close', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 45000);

test('a second owner of the same DATA_DIR is refused with a clear message', async () => {
  const dataDir = tmp();
  const owner = await spawnEmulator(dataDir);
  try {
    await expect(startEmulator({ dataDir, port: 0 })).rejects.toThrow(/owned by running process \d+/);
    await expect(spawnEmulator(dataDir)).rejects.toThrow(/One process must own the data/);
  } finally {
    owner.child.kill('SIGTERM');
    await new Promise((r) => owner.child.once('close', r));
  }
  // after a clean stop the directory is free again
  const again = await startEmulator({ dataDir, port: 0 });
  await expect(startEmulator({ dataDir, port: 0 })).rejects.toThrow(/already owned by this process/);
  await again.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 30000);

test('a torn final journal record is ignored on replay', () => {
  const dataDir = tmp();
  const store = Store.open({ dataDir, schema: [{ name: 'inbox', indexes: [], rule: { read: false, write: false } }] });
  store.commit([{ c: 'inbox', id: 'kept', doc: { _id: 'kept', n: 1 } }]);
  store.close();
  // a crash in the middle of writing the next record
  fs.appendFileSync(path.join(dataDir, 'journal.log'), '{"ops":[{"k":"put","c":"inbox","id":"torn","d":{"_id":"to');
  const reopened = Store.open({ dataDir, schema: [] });
  expect(reopened.all('inbox')).toEqual([{ _id: 'kept', n: 1 }]);
  reopened.commit([{ c: 'inbox', id: 'next', doc: { _id: 'next' } }]);
  reopened.close();
  const third = Store.open({ dataDir, schema: [] });
  expect(third.all('inbox').map((d) => d._id)).toEqual(['kept', 'next']);
  third.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a transaction is one record: its writes replay together', () => {
  const dataDir = tmp();
  const store = Store.open({ dataDir, schema: [{ name: 'ledger', indexes: [], rule: { read: false, write: false } }] });
  store.commit([
    { c: 'ledger', id: 'x', doc: { _id: 'x', at: new Date(5) } },
    { c: 'ledger', id: 'y', doc: { _id: 'y' } },
  ]);
  store.close();
  const lines = fs.readFileSync(path.join(dataDir, 'journal.log'), 'utf8').trim().split('\n');
  // compaction at close/open is not required; the last record holds both writes
  expect(lines.some((l) => l.includes('"id":"x"') && l.includes('"id":"y"'))).toBe(true);
  const reopened = Store.open({ dataDir, schema: [] });
  expect(reopened.all('ledger')).toEqual([{ _id: 'x', at: new Date(5) }, { _id: 'y' }]);
  reopened.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('restart right after kill -9: a zombie lock owner (not yet reaped) does not hold the DATA_DIR', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-zombie-'));
  // the emulator's parent is a shell that exec's `sleep`, which never reaps it: after SIGKILL the
  // emulator stays a zombie, like a killed `npm start` whose parent has not waited yet
  const cmd = `"${process.execPath}" --import tsx "${path.join(root, 'emulator/cli.ts')}" & exec sleep 60`;
  const parent = spawn('sh', ['-c', cmd], { cwd: root, env: { ...process.env, EMULATOR_PORT: '0', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout!.on('data', (c) => { out += c; const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out); if (m) resolve(Number(m[1])); });
      parent.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    await post(port, { action: 'database.insertDocument', collectionName: 'orgs', data: [JSON.stringify({ _id: 'z1', name: 'kept' })] });
    const pid = Number(fs.readFileSync(path.join(dataDir, 'LOCK'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    let state = '';
    for (let i = 0; i < 100 && state !== 'Z'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
    expect(state).toBe('Z');
    const store = Store.open({ dataDir, fsync: false });
    try {
      expect(store.size('orgs')).toBe(1);
    } finally {
      store.close();
    }
  } finally {
    parent.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
