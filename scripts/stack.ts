/**
 * The whole local stack in one call — database emulator (with openapi emulation and
 * function-to-function calls), function gateway serving /api/<fn> and the h5 app — used by
 * `npm start` and by the h5 e2e runner:
 *
 *   const { url, close } = await startStack({ port: 0, emulatorPort: 0, dataDir, seed: true });
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sdkEnv } from '../emulator/env';
import { startGateway, type Gateway, type GatewayLog } from '../emulator/gateway';
import { invokeFunctionAction } from '../emulator/gateway/invoke-action';
import { createOpenapi, openapiActions, type Openapi } from '../emulator/openapi';
import { startEmulator, type Emulator } from '../emulator/server';
import { createStorage, type Storage } from '../emulator/storage';
import { buildFunctions, ROOT } from './build-functions';

/**
 * Function environment variables of the local deployment (the cloud console's 环境变量 on WeChat):
 * subscribe-message template ids, so pushes reach the emulated outbox. Override per stack with `env`.
 */
export const LOCAL_FUNCTION_ENV: Record<string, string> = {
  SUBSCRIBE_TPL_REPORT_RESULT: 'local-tpl-report-result',
  SUBSCRIBE_TPL_REPORT_REMINDER: 'local-tpl-report-reminder',
  SUBSCRIBE_TPL_TASK_REMINDER: 'local-tpl-task-reminder',
  SUBSCRIBE_TPL_TASK_CHANGE: 'local-tpl-task-change',
  SUBSCRIBE_TPL_PLEDGE: 'local-tpl-pledge',
  SUBSCRIBE_TPL_WISH: 'local-tpl-wish',
};

export interface StackOptions {
  /** gateway port (0 = any free port) */
  port?: number;
  /** emulator port (0 = any free port) */
  emulatorPort?: number;
  host?: string;
  /** default $DATA_DIR or .data */
  dataDir?: string;
  /** seed demo data when the database is empty (no orgs or no members; default true) */
  seed?: boolean;
  /** the seed's "now" (default: now) */
  seedNow?: Date;
  /** h5 build served on the same origin (default dist-h5/ when it exists) */
  staticDir?: string | null;
  /** bundles (default cloudfunctions/) */
  functionsDir?: string;
  /** build missing/stale bundles first (default true) */
  build?: boolean;
  /** instances per function (default 2) */
  poolSize?: number;
  /** run timer triggers (default true) */
  timers?: boolean;
  /** fsync each database commit (default true) */
  fsync?: boolean;
  /** extra function env (merged over LOCAL_FUNCTION_ENV and each config.json's envVariables) */
  env?: Record<string, string>;
  onLog?: (entry: GatewayLog) => void;
}

export interface Stack {
  /** gateway origin: the h5 app, /api/<fn>, /__emulator/* */
  url: string;
  emulatorUrl: string;
  emulatorPort: number;
  dataDir: string;
  /** true when this start seeded demo data */
  seeded: boolean;
  /** one line per seed step (`seed orgs 120 ms orgs=7 …`), empty when not seeded */
  seedLog: string[];
  gateway: Gateway;
  emulator: Emulator;
  openapi: Openapi;
  storage: Storage;
  close(): Promise<void>;
}

/** Seeds through the real SDK in a child process, so the SDK's env never touches this process. */
export function seedEmulator(emulatorPort: number, now = new Date(), host = '127.0.0.1'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), [path.join(ROOT, 'scripts', 'seed', 'run.ts'), '--now', now.toISOString()], {
      cwd: ROOT,
      env: { ...process.env, ...sdkEnv(emulatorPort, host) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const out: string[] = [];
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => out.push(...c.split('\n').filter(Boolean)));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => { err += c; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out.filter((l) => !l.startsWith('{')));
      else reject(new Error(`seed failed (exit ${code}): ${err.trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir ?? process.env.DATA_DIR ?? path.join(ROOT, '.data'));
  const functionsDir = path.resolve(options.functionsDir ?? path.join(ROOT, 'cloudfunctions'));
  const defaultStatic = path.join(ROOT, 'dist-h5');
  const staticDir = options.staticDir === null ? undefined : options.staticDir ?? (fs.existsSync(defaultStatic) ? defaultStatic : undefined);

  if (options.build !== false) await buildFunctions({ outDir: functionsDir });

  const openapi = createOpenapi({ file: path.join(dataDir, 'openapi.json'), securityDir: path.join(dataDir, 'security') });
  const storage = createStorage({ dataDir, fsync: options.fsync });
  let gateway: Gateway | undefined;
  const emulator = await startEmulator({
    port: options.emulatorPort ?? 0,
    host,
    dataDir,
    fsync: options.fsync,
    extraActions: { ...openapiActions(openapi), ...storage.actions, 'functions.invokeFunction': invokeFunctionAction(() => gateway) },
    routes: storage.handleHttp,
  });
  try {
    gateway = await startGateway({
      port: options.port ?? 0,
      host,
      emulatorPort: emulator.port,
      functionsDir,
      staticDir,
      poolSize: options.poolSize,
      timers: options.timers,
      inspector: openapi,
      storage,
      env: { ...LOCAL_FUNCTION_ENV, ...options.env },
      onLog: options.onLog,
    });
  } catch (err) {
    await emulator.close();
    throw err;
  }
  openapi.setH5Base(gateway.url);
  // temp URLs point at the gateway: the h5 app loads them from its own origin
  storage.setPublicBase(gateway.url);

  // "Empty" = no organisation and no person yet (a crashed first seed is retried: steps are idempotent).
  const fresh = emulator.store.size('orgs') === 0 || emulator.store.size('members') === 0;
  let seeded = false;
  let seedLog: string[] = [];
  if (fresh && options.seed !== false) {
    try {
      seedLog = await seedEmulator(emulator.port, options.seedNow, host);
      seeded = true;
    } catch (err) {
      await gateway.close();
      await emulator.close();
      throw err;
    }
  }

  const gw = gateway;
  let closed = false;
  return {
    url: gw.url,
    emulatorUrl: emulator.url,
    emulatorPort: emulator.port,
    dataDir,
    seeded,
    seedLog,
    gateway: gw,
    emulator,
    openapi,
    storage,
    async close() {
      if (closed) return;
      closed = true;
      await gw.close();
      await emulator.close();
    },
  };
}
