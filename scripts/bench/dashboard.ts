/**
 * Dashboard read cost at 1k / 10k / 50k members (issue 16): round trips and documents examined by
 * `stats.dashboard` for a district, a street, a community and a unit stay flat, because the read
 * touches only the aggregate documents; the roll-up (the timer) is what grows: its pages to read
 * (100 documents a round trip, functions/stats/rollup.ts) and its in-memory compute time are
 * reported beside. Members, reports and a year of confirmed attendance are generated in memory,
 * rolled up by the same pure function the timer runs (core/domain/stats.ts#rollUp), and the
 * aggregate documents written into the emulator's store; the dashboards are read through the real
 * function and SDK. (Running the timer itself through the SDK at 50k members took longer than the
 * SDK's request timeout on this loaded 2-core machine; see docs/SIZING.md for its cost.)
 */
import { lastMonths, rollUp, type Snapshot } from '../../core/domain/stats';
import { startTestCloud } from '../../tests/helpers/cloud';
import { put, type Doc } from './world';

const DAY = 86_400_000;
const COMMUNITIES = 20;
const UNITS_PER_COMMUNITY = 5;

function territory(): { orgs: Doc[]; units: Doc[] } {
  const orgs: Doc[] = [{ _id: 'bd', kind: 'district', name: '基准区', parentId: null, path: [] }];
  const units: Doc[] = [];
  for (let s = 0; s < 4; s++) orgs.push({ _id: `bs${s}`, kind: 'street', name: `街道${s}`, parentId: 'bd', path: ['bd'] });
  for (let c = 0; c < COMMUNITIES; c++) {
    const street = `bs${c % 4}`;
    orgs.push({ _id: `bc${c}`, kind: 'community', name: `社区${c}`, parentId: street, path: ['bd', street] });
    for (let u = 0; u < UNITS_PER_COMMUNITY; u++) units.push({ _id: `bu${c}-${u}`, name: `单位${c}-${u}`, communityId: `bc${c}`, streetId: street, districtId: 'bd', inviteCode: `B${c}U${u}` });
  }
  return { orgs, units };
}

/** members `from`..`to`-1: each in a unit, reported to a community, two confirmed services in the last year */
function people(from: number, to: number, now: number): { members: Doc[]; reports: Doc[]; tasks: Doc[]; signups: Doc[] } {
  const members: Doc[] = []; const reports: Doc[] = []; const tasks: Doc[] = []; const signups: Doc[] = [];
  for (let i = from; i < to; i++) {
    const c = i % COMMUNITIES;
    const id = `bm${String(i).padStart(6, '0')}`;
    members.push({ _id: id, name: `党员${i}`, unitId: `bu${c}-${i % UNITS_PER_COMMUNITY}`, unitStatus: 'verified', communityId: `bc${c}` });
    reports.push({ _id: `br${i}`, openid: id, communityId: `bc${c}`, status: 'approved', createdAt: new Date(now - (30 + (i % 300)) * DAY), decidedAt: new Date(now - (29 + (i % 300)) * DAY) });
    // one task per 50 members, each member at two of them
    if (i % 50 === 0) for (let k = 0; k < 2; k++) {
      const at = new Date(now - (5 + ((i / 50 + k * 37) % 340)) * DAY);
      tasks.push({ _id: `bt${i}-${k}`, communityId: `bc${c}`, status: 'finished', slots: 50, signed: 50, startAt: at, endAt: at, publishedAt: new Date(at.getTime() - 5 * DAY), createdAt: new Date(at.getTime() - 5 * DAY), source: null });
    }
    const base = i - (i % 50);
    for (let k = 0; k < 2; k++) signups.push({ _id: `bt${base}-${k}:${id}`, taskId: `bt${base}-${k}`, openid: id, status: 'signed', confirmed: true, noshow: false, minutes: 90 + (i % 60) });
  }
  return { members, reports, tasks, signups };
}

export async function dashboardCost(sizes = [1_000, 10_000, 50_000]) {
  const cloud = await startTestCloud();
  const out: Record<string, Record<string, number | string>> = {};
  try {
    const now = Date.now();
    const t = territory();
    put(cloud, 'orgs', t.orgs);
    put(cloud, 'units', t.units);
    put(cloud, 'admins', [{ _id: 'super:root:bench', openid: 'bench', role: 'super', scopeId: 'root', name: '基准' }]);
    const asOf = new Date(Math.floor(now / 3_600_000) * 3_600_000);
    for (const n of sizes) {
      const p = people(0, n, now);
      const snapshot = {
        orgs: t.orgs, units: t.units, members: p.members, reports: p.reports, unitReports: [], tasks: p.tasks, signups: p.signups,
        needs: [], projects: [], wishes: [], pledges: [],
      } as unknown as Snapshot;
      const t0 = performance.now();
      const docs = rollUp(snapshot, lastMonths(asOf, 12), asOf);
      const rollupMs = Math.round(performance.now() - t0);
      put(cloud, 'statsMonths', docs as unknown as Doc[]);
      const pages = [t.orgs, t.units, p.members, p.reports, p.tasks, p.signups].reduce((k, list) => k + Math.floor(list.length / 100) + 1, 0);
      const row: Record<string, number | string> = { rollupDocs: docs.length, rollupReadPages: pages, rollupComputeMs: rollupMs };
      for (const [label, scopeId] of [['district', 'bd'], ['street', 'bs1'], ['community', 'bc5'], ['unit', 'bu5-0']] as const) {
        const m = await cloud.callWithStats('stats', 'dashboard', { scopeId }, 'bench');
        if (!m.result.ok) throw new Error(`dashboard ${scopeId}: ${JSON.stringify(m.result)}`);
        row[`${label} trips`] = m.stats.calls;
        row[`${label} examined`] = m.stats.examined;
      }
      out[`${n / 1000}k`] = row;
    }
  } finally {
    await cloud.stop();
  }
  return out;
}
