/**
 * Memory of the 记实档案 xlsx export for a large unit (not a timed test):
 *   npx tsx scripts/bench/record-export.ts [members=5000]
 * Starts an in-process emulator with a throw-away data dir, writes N verified members of one unit,
 * each with 4 confirmed signups and 4 ledger entries, then runs the export's page loop
 * (functions/record/export.ts#buildExport) while sampling heap and RSS every 20 ms. The emulator
 * holds the data set in the same process, so the number that matters is the growth over the
 * baseline taken just before the export; it must stay under BOUND_MB (exit code 1 otherwise).
 * Then the same export as a job (exportStep per page of 100 members, part files in storage, one
 * assembly call): steps, the longest page step, the assembly and the heap growth, same bound.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnv } from '../../emulator/env';
import { startEmulator } from '../../emulator/server';
import { createStorage } from '../../emulator/storage';

const BOUND_MB = 150;

async function main() {
  const n = Number(process.argv[2] ?? 5000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbd-bench-export-'));
  // storage too: the job keeps its parts there and publishes the workbook
  const storage = createStorage({ dataDir, fsync: false });
  const emulator = await startEmulator({ port: 0, dataDir, extraActions: storage.actions as never, routes: storage.handleHttp });
  Object.assign(process.env, sdkEnv(emulator.port), { TENCENTCLOUD_RUNENV: 'SCF', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'local' });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const sdk = require('wx-server-sdk');
  sdk.init({ env: 'local' });
  const db = sdk.database();
  const { buildExport } = await import('../../functions/record/export');

  const now = new Date('2026-11-20T02:00:00Z');
  const tasks = Array.from({ length: 40 }, (_, i) => ({ _id: `bt${i}`, communityId: 'comm-b', communityName: '基准社区', title: `基准任务 ${i}`, startAt: new Date(now.getTime() - (i + 1) * 86_400_000 * 5), endAt: new Date(now.getTime() - (i + 1) * 86_400_000 * 5 + 7_200_000), status: 'finished' }));
  const commit = (c: string, docs: Array<Record<string, unknown> & { _id: string }>) => emulator.store.commit(docs.map((d) => ({ c, id: d._id, doc: d })));
  commit('orgs', [{ _id: 'comm-b', kind: 'community', name: '基准社区', path: ['d', 's'] }]);
  commit('units', [{ _id: 'unit-b', name: '基准单位', communityId: 'comm-b' }]);
  commit('tasks', tasks);
  for (let start = 0; start < n; start += 500) {
    const members = [], signups = [], ledger = [];
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const openid = `bench-${String(i).padStart(6, '0')}`;
      members.push({ _id: openid, name: `党员${i}`, phone: '13800001234', unitId: 'unit-b', unitStatus: 'verified', communityId: 'comm-b', branch: '第一支部' });
      for (let k = 0; k < 4; k++) {
        const t = tasks[(i + k * 7) % tasks.length];
        signups.push({ _id: `${t._id}:${openid}`, taskId: t._id, openid, confirmed: true, minutes: 90 + k * 10, noshow: false });
        ledger.push({ _id: `attendance:${t._id}:${openid}`, openid, cause: 'attendance', sourceId: t._id, amount: 8, createdAt: t.endAt, reverses: null, reason: null });
      }
    }
    commit('members', members);
    commit('signups', signups);
    commit('ledger', ledger);
  }

  global.gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 20);
  const t0 = Date.now();
  const out = await buildExport({ db }, { scope: 'unit', scopeId: 'unit-b', from: '2026-01-01', to: '2026-12-31' }, '基准单位');
  clearInterval(timer);
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  const growth = mb(peakHeap - base.heapUsed);
  console.log(JSON.stringify({
    members: out.members, lines: out.rows, xlsxKB: Math.round(out.bytes.length / 1024), ms: Date.now() - t0,
    baselineHeapMB: mb(base.heapUsed), peakHeapGrowthMB: growth, baselineRssMB: mb(base.rss), peakRssGrowthMB: mb(peakRss - base.rss), boundMB: BOUND_MB,
  }));
  // the same export as the app runs it: a job, one page of members per call, then the assembly call
  const { exportStep } = await import('../../functions/record/export');
  const jobId = 'xj-bench';
  commit('exportJobs', [{ _id: jobId, by: 'bench-admin', input: { scope: 'unit', scopeId: 'unit-b', from: '2026-01-01', to: '2026-12-31' }, title: '基准单位', fileName: 'bench.xlsx', status: 'running', total: n, done: 0, rows: 0, after: '', paged: false, parts: [], fileID: null, bytes: 0, createdAt: now, updatedAt: now }]);
  global.gc?.();
  const jobBase = process.memoryUsage().heapUsed;
  let jobPeak = jobBase;
  const jobTimer = setInterval(() => { jobPeak = Math.max(jobPeak, process.memoryUsage().heapUsed); }, 20);
  const ctx = { db, cloud: sdk, openid: 'bench-admin', now } as Parameters<typeof exportStep>[1];
  let steps = 0, longestStepMs = 0, assemblyMs = 0;
  const j0 = Date.now();
  for (let status = 'running'; status !== 'done' && steps < 1000; steps++) {
    const s0 = Date.now();
    const r = await exportStep({ id: jobId }, ctx);
    const ms = Date.now() - s0;
    if (r.job.status === 'done') assemblyMs = ms;
    else longestStepMs = Math.max(longestStepMs, ms);
    status = r.job.status;
  }
  clearInterval(jobTimer);
  const jobGrowth = mb(jobPeak - jobBase);
  const job = { steps, longestPageStepMs: longestStepMs, assemblyMs, totalMs: Date.now() - j0, peakHeapGrowthMB: jobGrowth, boundMB: BOUND_MB };
  console.log(JSON.stringify({ job }));
  await emulator.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(growth < BOUND_MB && jobGrowth < BOUND_MB && out.members === n ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
