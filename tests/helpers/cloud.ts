/**
 * In-process test cloud for jest tests of cloud functions.
 *
 *   const cloud = await startTestCloud();          // beforeAll
 *   const r = await cloud.call('member', 'whoami', {}, 'openid-A');
 *   await cloud.wipe();                             // beforeEach, if wanted
 *   await cloud.stop();                             // afterAll
 *
 * It starts the database emulator on a free port with a throw-away data dir, points the REAL
 * wx-server-sdk at it through process.env (emulator/env.ts), and calls `functions/<fn>/index.ts`'s
 * exported `main({ action, data })` with WX_OPENID/WX_APPID/WX_UNIONID set, exactly as the platform
 * would. `cloud.getWXContext()` reads process.env, so calls with DIFFERENT identities never overlap
 * (they queue); calls with the SAME identity may run concurrently (e.g. 200 parallel sign-ups).
 *
 * Faked time: works with `jest.useFakeTimers({ doNotFake: [...everything but 'Date'] })` — the
 * emulator runs in the same process, so `db.serverDate()` and the functions' `new Date()` both see
 * the faked clock. Use `fakeDateOnly()` below for the option list.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnv } from '../../emulator/env';
import { createOpenapi, openapiActions, type Openapi } from '../../emulator/openapi';
import { startEmulator, type Emulator, type ExtraAction } from '../../emulator/server';
import { createStorage, type Storage } from '../../emulator/storage';
import type { Counters } from '../../emulator/stats';

export interface Identity {
  openid: string;
  appid?: string;
  unionid?: string;
}

export interface TestCloud {
  /** emulator port and handle (store access: `emulator.store`) */
  port: number;
  emulator: Emulator;
  /** call `functions/<fn>/index.ts` main({ action, data }) as `openid` (string) or a full identity */
  call(fn: string, action: string, data: unknown, openid: string | Identity): Promise<any>;
  /** same as call(), run alone, and also returns the database work that invocation did */
  callWithStats(fn: string, action: string, data: unknown, openid: string | Identity): Promise<{ result: any; stats: Counters }>;
  /** call main(event) with an arbitrary event (e.g. a timer event); identity optional */
  invoke(fn: string, event: unknown, openid?: string | Identity): Promise<any>;
  /** invoke, counting the database calls it made */
  invokeWithStats(fn: string, event: unknown, openid?: string | Identity): Promise<{ result: any; stats: Counters }>;
  /** a wx-server-sdk database handle for seeding and inspecting */
  db: any;
  /** the open-API emulation behind `cloud.openapi.*` (outbox of subscribe messages, QR codes, consents) */
  openapi: Openapi;
  /** cloud storage behind `cloud.uploadFile` etc. (files under the temp DATA_DIR) */
  storage: Storage;
  /** the wx-server-sdk module itself (cloud.database(), cloud.getWXContext, …) */
  sdk: any;
  /** empty every collection (schema collections and indexes stay) */
  wipe(): Promise<void>;
  /** counters of everything since start / last resetStats() */
  stats(): ReturnType<Emulator['stats']>;
  resetStats(): void;
  stop(): Promise<void>;
}

/** jest.useFakeTimers({ doNotFake: fakeDateOnly() }) fakes only Date. */
export function fakeDateOnly(): any[] {
  return ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'];
}

const DEFAULT_APPID = 'wx-local-appid';

/**
 * Run the SDK in its cloud-function mode, as on the platform. Outside SCF the SDK sends every call
 * through one keep-alive agent capped at 100 sockets; with many invocations in ONE process (this
 * helper) requests waiting on a transaction lock would hold all of them and starve the lock holder.
 * In SCF mode it uses Node's global agent (no cap), like a real instance.
 */
const SCF_ENV = { TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'local' };

/**
 * Admission gate: one identity at a time; callers sharing the current identity join while nobody
 * else waits. `exclusive` callers get a batch of their own.
 */
class IdentityGate {
  private current: string | null = null;
  private active = 0;
  private queue: { key: string; resolve: () => void }[] = [];
  batch = 0;

  async enter(key: string): Promise<void> {
    if (this.current === null || (this.current === key && this.queue.length === 0)) {
      if (this.current === null) this.startBatch(key);
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push({ key, resolve }));
  }

  private startBatch(key: string): void {
    this.current = key;
    this.batch++;
    this.onBatch?.(this.batch);
  }

  onBatch?: (batch: number) => void;
  onIdle?: () => void;

  leave(): void {
    this.active--;
    if (this.active > 0) return;
    this.current = null;
    this.onIdle?.();
    const next = this.queue[0];
    if (!next) return;
    this.startBatch(next.key);
    const admitted = this.queue.filter((w) => w.key === next.key);
    this.queue = this.queue.filter((w) => w.key !== next.key);
    this.active += admitted.length;
    for (const w of admitted) w.resolve();
  }
}

let uniq = 0;

export interface TestCloudOptions {
  /** fsync each commit (default false: tests do not need crash safety) */
  fsync?: boolean;
  /** where `<fn>/index.ts` live (default: <repo>/functions) */
  functionsDir?: string;
  /** how long a transaction waits for a document lock before it conflicts (default 5000 ms) */
  lockWaitMs?: number;
  /**
   * extra emulator actions, merged over the built-in `wx.openApi` emulation (`cloud.openapi`);
   * e.g. pass your own `openapiActions(createOpenapi())` to inspect a separate outbox
   */
  extraActions?: Record<string, ExtraAction>;
}

export async function startTestCloud(opts: TestCloudOptions = {}): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-cloud-'));
  // cloud.openapi.* (subscribe messages, wxacode) is emulated by default; see `openapi` below
  const openapi = createOpenapi();
  const storage = createStorage({ dataDir, fsync: opts.fsync ?? false });
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    fsync: opts.fsync ?? false,
    lockWaitMs: opts.lockWaitMs,
    extraActions: { ...(openapiActions(openapi) as Record<string, ExtraAction>), ...(storage.actions as Record<string, ExtraAction>), ...opts.extraActions },
    routes: storage.handleHttp,
  });
  Object.assign(process.env, sdkEnv(emulator.port), SCF_ENV);
  const seqPrefix = `test${process.pid}x${++uniq}`;
  const gate = new IdentityGate();
  // every admitted batch gets its own TCB_SEQID so the emulator attributes its calls to it
  gate.onBatch = (b) => {
    process.env.TCB_SEQID = `${seqPrefix}b${b}`;
  };
  // seeding/inspection through `db` between calls counts under "<prefix>idle"
  gate.onIdle = () => {
    process.env.TCB_SEQID = `${seqPrefix}idle`;
  };
  process.env.TCB_SEQID = `${seqPrefix}idle`;

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();

  const functionsDir = opts.functionsDir ?? path.resolve(__dirname, '../../functions');
  const mainOf = (fn: string): (event: unknown, context?: unknown) => Promise<unknown> => {
    if (!/^[A-Za-z0-9_-]+$/.test(fn)) throw new Error(`bad function name ${fn}`);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(path.join(functionsDir, fn, 'index'));
    const main = mod.main ?? mod.default?.main;
    if (typeof main !== 'function') throw new Error(`functions/${fn}/index.ts exports no main`);
    return main;
  };

  const identityOf = (who: string | Identity | undefined): Identity | undefined => (typeof who === 'string' ? { openid: who } : who);

  async function run(fn: string, event: unknown, who: string | Identity | undefined, exclusive: boolean): Promise<{ result: any; batch: number }> {
    const id = identityOf(who);
    const key = exclusive ? `\u0000exclusive${++uniq}` : JSON.stringify(id ?? null);
    await gate.enter(key);
    const batch = gate.batch;
    try {
      const main = mainOf(fn);
      if (id) {
        process.env.WX_OPENID = id.openid;
        process.env.WX_APPID = id.appid ?? DEFAULT_APPID;
        if (id.unionid) process.env.WX_UNIONID = id.unionid;
        else delete process.env.WX_UNIONID;
      } else {
        delete process.env.WX_OPENID;
        delete process.env.WX_UNIONID;
        process.env.WX_APPID = DEFAULT_APPID;
      }
      const result = await main(event, { function_name: fn, request_id: `${seqPrefix}-${batch}` });
      return { result, batch };
    } finally {
      gate.leave();
    }
  }

  let stopped = false;
  return {
    port: emulator.port,
    emulator,
    db,
    sdk,
    openapi,
    storage,
    call: async (fn, action, data, openid) => (await run(fn, { action, data }, openid, false)).result,
    async callWithStats(fn, action, data, openid) {
      const { result, batch } = await run(fn, { action, data }, openid, true);
      return { result, stats: emulator.statsFor(`${seqPrefix}b${batch}`) };
    },
    invoke: async (fn, event, openid) => (await run(fn, event, openid, false)).result,
    async invokeWithStats(fn, event, openid) {
      const { result, batch } = await run(fn, event, openid, true);
      return { result, stats: emulator.statsFor(`${seqPrefix}b${batch}`) };
    },
    async wipe() {
      emulator.store.wipe();
      openapi.clear();
    },
    stats: () => emulator.stats(),
    resetStats: () => emulator.resetStats(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await emulator.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
