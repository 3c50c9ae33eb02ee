import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Instances of one cloud function: up to `size` child processes, started lazily, each running one
 * invocation at a time (see worker.cjs for why). Calls beyond the idle instances wait in a FIFO queue;
 * when the pool may still grow, such a call also starts a new instance, but it takes whichever
 * instance is free first: the new one once loaded, or a warm one that finished its call. On the
 * platform a burst's cold starts run side by side on many machines in ~0.3 s; here a dozen of them
 * share 2 cores and take seconds (tens of seconds on a loaded machine), so a call tied to "its" new
 * instance waited for all of that while warm instances stood idle: the bench's sign-in burst had one
 * sign-in in ten stall 40–50 s that way.
 * A worker that exceeds the timeout is killed (SIGKILL) and replaced on the next call, as the
 * platform does with a timed-out instance. A rebuilt bundle (new mtime) retires the old workers.
 */
export interface Identity { OPENID?: string; APPID?: string; UNIONID?: string }

export interface Invocation {
  event: unknown;
  identity: Identity;
  /** TCB_SOURCE seen by the function: 'wx_client' for app calls, 'wx_trigger' for timers */
  source: string;
  context?: Record<string, unknown>;
  /** request id; becomes TCB_SEQID so the emulator's stats attribute the invocation's DB calls to it */
  seqId?: string;
}

export type InvocationOutcome =
  | { kind: 'ok'; result: unknown; ms: number }
  | { kind: 'error'; message: string; stack?: string; ms: number }
  | { kind: 'timeout'; timeoutSec: number; ms: number };

export interface PoolOptions {
  name: string;
  bundle: string;
  size: number;
  /** seconds, from config.json */
  timeoutSec: number;
  /** environment of every worker (SDK pointed at the emulator, WX_CONTEXT_KEYS, …) */
  env: Record<string, string>;
  /** an instance idle this long is stopped, as the platform reclaims idle instances (default 120 s) */
  idleMs?: number;
  /** instances loading at once (default 2, the cores here): more only slow each other and the warm ones down */
  maxStarting?: number;
  /** where a worker's stdout/stderr lines go */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

const WORKER = path.join(__dirname, 'worker.cjs');

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  mtime: number;
  dead: boolean;
  idleTimer?: NodeJS.Timeout;
}

let nextId = 1;

export class FunctionPool {
  private workers: Worker[] = [];
  /** calls waiting for an instance, first come first served */
  private waiters: Array<{ grant: (w: Worker) => void; fail: (err: Error) => void }> = [];
  private closed = false;
  /** instances loading right now */
  private starting = 0;

  constructor(readonly options: PoolOptions) {}

  get size() { return this.workers.length; }

  async invoke(inv: Invocation): Promise<InvocationOutcome> {
    if (this.closed) throw new Error(`pool ${this.options.name} is closed`);
    const started = Date.now();
    let worker: Worker;
    try {
      worker = await this.acquire();
    } catch (err) {
      if (this.closed) throw err;
      // the instance started for this call could not load its bundle
      return { kind: 'error', message: (err as Error).message, ms: Date.now() - started };
    }
    try {
      return await this.run(worker, inv);
    } finally {
      this.release(worker);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = this.workers;
    this.workers = [];
    await Promise.all(all.map((w) => this.kill(w)));
    const closed = new Error(`pool ${this.options.name} is closed`);
    this.waiters.splice(0).forEach((w) => w.fail(closed));
  }

  private bundleMtime(): number {
    return fs.statSync(this.options.bundle).mtimeMs;
  }

  /** A loaded, idle instance of the current bundle; idle ones of an older bundle or dead ones are dropped. */
  private takeIdle(): Worker | undefined {
    const mtime = this.bundleMtime();
    for (const w of [...this.workers]) if (!w.busy && (w.dead || w.mtime !== mtime)) this.remove(w);
    const idle = this.workers.find((w) => !w.busy && !w.dead);
    if (idle) { clearTimeout(idle.idleTimer); idle.busy = true; }
    return idle;
  }

  private acquire(): Promise<Worker> {
    if (this.closed) return Promise.reject(new Error(`pool ${this.options.name} is closed`));
    const idle = this.takeIdle();
    if (idle) return Promise.resolve(idle);
    return new Promise<Worker>((grant, fail) => {
      this.waiters.push({ grant, fail });
      this.grow();
    });
  }

  /**
   * Starts instances for the queue while calls wait that no loading instance will serve, up to `size`
   * instances and `maxStarting` loading at once; a loaded one serves the first waiter, if any is left.
   */
  private grow() {
    const maxStarting = this.options.maxStarting ?? 2;
    while (!this.closed && this.waiters.length > this.starting && this.workers.length < this.options.size && this.starting < maxStarting) {
      const w = this.spawn(this.bundleMtime());
      w.busy = true; // loading: not idle, not serving anyone yet
      this.workers.push(w);
      this.starting++;
      w.ready.then(
        () => { this.starting--; this.release(w); this.grow(); },
        (err: Error) => {
          this.starting--;
          this.remove(w);
          // the call that asked for this instance (or the next in line) learns why it cannot run
          this.waiters.shift()?.fail(err);
          this.grow();
        },
      );
    }
  }

  /** A worker is free (its call finished, or it just loaded): hand it to the next waiter or park it. */
  private release(w: Worker) {
    if (this.closed) return;
    if (w.dead || w.mtime !== this.bundleMtime()) {
      this.remove(w);
      this.grow();
      return;
    }
    const next = this.waiters.shift();
    if (next) { w.busy = true; next.grant(w); return; }
    w.busy = false;
    w.idleTimer = setTimeout(() => { if (!w.busy) this.remove(w); }, this.options.idleMs ?? 120_000);
    w.idleTimer.unref();
  }

  private remove(w: Worker) {
    this.workers = this.workers.filter((x) => x !== w);
    void this.kill(w);
  }

  private spawn(mtime: number): Worker {
    const child = fork(WORKER, [], {
      env: { ...this.options.env, GATEWAY_BUNDLE: this.options.bundle },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
      serialization: 'advanced',
    });
    const worker: Worker = { child, ready: Promise.resolve(), busy: false, mtime, dead: false };
    for (const stream of ['stdout', 'stderr'] as const) {
      let buf = '';
      child[stream]?.setEncoding('utf8');
      child[stream]?.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (this.options.onOutput) this.options.onOutput(line, stream);
          else process[stream].write(`[${this.options.name}] ${line}\n`);
        }
      });
    }
    worker.ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: { type?: string; error?: { message: string } }) => {
        if (m?.type === 'ready') { cleanup(); resolve(); }
        if (m?.type === 'loadError') { cleanup(); reject(new Error(`cannot load ${this.options.name}: ${m.error?.message}`)); }
      };
      const onExit = (code: number | null) => { cleanup(); reject(new Error(`instance of ${this.options.name} exited while loading (code ${code})`)); };
      const cleanup = () => { child.off('message', onMsg); child.off('exit', onExit); };
      child.on('message', onMsg);
      child.on('exit', onExit);
    });
    worker.ready.catch(() => { worker.dead = true; });
    // EPIPE / channel errors of a dying instance must not become an uncaught 'error' in the gateway
    child.on('error', (err) => { worker.dead = true; this.options.onOutput?.(`instance error: ${err.message}`, 'stderr'); });
    child.on('exit', () => { worker.dead = true; });
    return worker;
  }

  private run(w: Worker, inv: Invocation): Promise<InvocationOutcome> {
    const started = Date.now();
    const ms = () => Date.now() - started;
    const timeoutSec = this.options.timeoutSec;
    return new Promise<InvocationOutcome>((resolve) => {
      const id = nextId++;
      let settled = false;
      const finish = (outcome: InvocationOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        w.child.off('message', onMsg);
        w.child.off('exit', onExit);
        resolve(outcome);
      };
      // The timeout runs from when the instance is ready. On the platform a burst's cold starts run
      // side by side on many machines; here 16 of them share 2 cores, and counting that queueing
      // against the function would time out calls the platform would answer.
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        timer = setTimeout(() => {
          w.dead = true;
          void this.kill(w);
          finish({ kind: 'timeout', timeoutSec, ms: ms() });
        }, timeoutSec * 1000);
      };
      const onMsg = (m: { type?: string; id?: number; ok?: boolean; result?: unknown; error?: { message: string; stack?: string } }) => {
        if (m?.type !== 'result' || m.id !== id) return;
        if (m.ok) finish({ kind: 'ok', result: m.result, ms: ms() });
        else finish({ kind: 'error', message: m.error?.message ?? 'unknown error', stack: m.error?.stack, ms: ms() });
      };
      const onExit = (code: number | null, signal: string | null) => {
        w.dead = true;
        finish({ kind: 'error', message: `instance exited during the invocation (${signal ?? `code ${code}`})`, ms: ms() });
      };
      w.child.on('message', onMsg);
      w.child.on('exit', onExit);
      w.ready.then(
        () => {
          if (settled) return;
          arm();
          try {
            w.child.send({ type: 'invoke', id, event: inv.event, context: inv.context ?? {}, identity: inv.identity, source: inv.source, seqId: inv.seqId });
          } catch (err) {
            // e.g. an event the IPC serializer cannot take: this invocation fails, the gateway lives on
            finish({ kind: 'error', message: `cannot pass the event to the instance: ${(err as Error).message}`, ms: ms() });
          }
        },
        (err: Error) => finish({ kind: 'error', message: err.message, ms: ms() }),
      );
    });
  }

  private kill(w: Worker): Promise<void> {
    w.dead = true;
    clearTimeout(w.idleTimer);
    if (w.child.exitCode !== null || w.child.signalCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      w.child.once('exit', () => resolve());
      w.child.kill('SIGKILL');
    });
  }
}
