/**
 * `npm run bench`: database round trips per action, documents examined by rank and balance at
 * 1k / 10k / 50k balances in one community, dashboard read cost at 1k / 10k / 50k members, and a sign-in burst through the
 * local stack (gateway + bundled functions + emulator): throughput and p50 / p99 latency.
 *
 *   npm run bench                 # everything, a table per part
 *   npm run bench -- --json       # one JSON document (for notes)
 *   npm run bench -- --only=trips,rank,dashboard,burst --burst=200 --concurrency=20
 *
 * Counts are exact (the emulator counts calls per invocation); times depend on the machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../stack';
import { startTestCloud } from '../../tests/helpers/cloud';
import { balances, buildWorld, measureActions, put } from './world';
import { dashboardCost } from './dashboard';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = new Set((arg('only') ?? 'trips,rank,dashboard,burst').split(','));
const asJson = process.argv.includes('--json');
const log = (...a: unknown[]) => { if (!asJson) console.log(...a); };

async function trips() {
  const cloud = await startTestCloud();
  try {
    const w = buildWorld(cloud);
    const m = await measureActions(cloud, w);
    return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.ok ? v.calls : `${v.calls} (${v.code})`]));
  } finally {
    await cloud.stop();
  }
}

/**
 * Documents examined per view at n balances in one community. The balances go straight into the store
 * (around the ledger), so before each size the year's rank counts are dropped, as the nightly reconcile
 * does: `first` is the view that builds them again, the other columns are the views after it.
 */
async function rank() {
  const cloud = await startTestCloud();
  type Row = { first: number; firstMs: number; rank: number; rankP3: number; balance: number; calls: number; ms: number };
  const out: Record<string, Row> = {};
  try {
    const w = buildWorld(cloud, new Date(), [2]);
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const me = w.members[0];
    put(cloud, 'balances', [{ ...balances(1, year)[0], _id: `${year}:${me}`, openid: me, points: 500 }]);
    let have = 0;
    const view = async (action: string, data: unknown) => {
      const t0 = performance.now();
      const r = await cloud.callWithStats('points', action, data, me);
      if (!r.result.ok) throw new Error(`${action} failed: ${JSON.stringify(r.result)}`);
      return { ...r.stats, ms: Math.round((performance.now() - t0) * 10) / 10 };
    };
    for (const n of [1_000, 10_000, 50_000]) {
      put(cloud, 'balances', balances(n - have, year, have));
      have = n;
      // code without rank counts has no such documents: nothing to drop
      await cloud.db.collection('rankCounts').where({ year }).remove().catch(() => undefined);
      const first = await view('ranking', { scope: 'community' });
      const r1 = await view('ranking', { scope: 'community' });
      const r3 = await view('ranking', { scope: 'community', page: 3, pageSize: 20 });
      const b = await view('balance', {});
      out[`${n / 1000}k`] = {
        first: first.examined, firstMs: first.ms, rank: r1.examined, rankP3: r3.examined, balance: b.examined, calls: r1.calls, ms: r1.ms,
      };
    }
  } finally {
    await cloud.stop();
  }
  return out;
}

/**
 * n members sign in to one running task, `concurrency` at a time (each client sends its next sign-in when
 * the last one answers). Each request carries the code shown at that moment: with all n sent at once, a
 * request queued at the gateway longer than the code's window (30–60 s on a loaded machine) failed as
 * CODE_EXPIRED, and p50 measured the queue rather than a sign-in.
 */
async function burst(n: number, concurrency: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-bench-'));
  const stack = await startStack({ port: 0, emulatorPort: 0, dataDir, seed: false, staticDir: null, timers: false, fsync: false });
  try {
    const w = buildWorld(stack, new Date(), [2], n);
    const call = async (openid: string, action: string, data: unknown) => {
      const t0 = performance.now();
      const headers = { 'content-type': 'application/json', 'x-dev-openid': openid };
      try {
        const res = await fetch(`${stack.url}/api/task`, { method: 'POST', headers, body: JSON.stringify({ action, data }) });
        const body = (await res.json()) as { result?: { ok?: boolean; code?: string } };
        return { ms: performance.now() - t0, ok: !!body.result?.ok, code: body.result?.code ?? (res.ok ? undefined : `HTTP ${res.status}`) };
      } catch (err) {
        // a dropped connection counts as a failed sign-in, not as the end of the bench
        return { ms: performance.now() - t0, ok: false, code: (err as { cause?: { code?: string } }).cause?.code ?? 'FETCH_FAILED' };
      }
    };
    // warm 4 instances; the pool grows during the burst (a call never waits for a cold start while an instance is free)
    await Promise.all([0, 1, 2, 3].map(() => call('nobody', 'listTasks', { scope: 'community' })));
    const results: Awaited<ReturnType<typeof call>>[] = [];
    let next = 0;
    const client = async () => {
      for (let i = next++; i < n; i = next++) results.push(await call(`burst${i}`, 'signIn', { code: w.code(w.running), taskId: w.running }));
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, client));
    const wall = performance.now() - t0;
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    const q = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]);
    const failed = results.filter((r) => !r.ok);
    return {
      signIns: n, concurrency, ok: n - failed.length, failed: [...new Set(failed.map((f) => f.code))],
      seconds: Math.round(wall) / 1000, perSecond: Math.round((n / wall) * 1000 * 10) / 10, p50ms: q(0.5), p99ms: q(0.99),
    };
  } finally {
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const report: Record<string, unknown> = { at: new Date().toISOString(), cpus: os.cpus().length };
  if (only.has('trips')) {
    report.roundTrips = await trips();
    log('\nDatabase round trips per action'); if (!asJson) console.table(report.roundTrips);
  }
  if (only.has('rank')) {
    report.rankExamined = await rank();
    log('\nDocuments examined (community of n balances; first = the view that builds the rank counts, rank = page 1 with my rank after it,'
      + ' rankP3 = page 3; calls and ms of the rank view)');
    if (!asJson) console.table(report.rankExamined);
  }
  if (only.has('dashboard')) {
    report.dashboard = await dashboardCost();
    log('\nDashboard read (stats.dashboard) at n members: round trips and documents examined per scope; the hourly roll-up beside');
    if (!asJson) console.table(report.dashboard);
  }
  if (only.has('burst')) {
    report.signInBurst = await burst(Number(arg('burst') ?? 200), Number(arg('concurrency') ?? 20));
    log('\nSign-in burst through the local stack (gateway, 4 warm instances growing to at most 16, bundled task function; concurrency = requests in flight)');
    if (!asJson) console.table([report.signInBurst]);
  }
  if (asJson) console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
