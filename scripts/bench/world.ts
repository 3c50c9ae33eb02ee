/**
 * A small, fixed world for counting database round trips per action: the demo orgs, units,
 * admins, members and reports written straight into the emulator's store, plus three tasks of
 * comm-1 (one running now, one upcoming, one ended) and balances to rank. Used by
 * `npm run bench` and by the round-trip budget test (tests/functions/roundtrips.test.ts), so both
 * count the same thing.
 */
import { randomBytes } from 'node:crypto';
import { formatCode, stepAt } from '../../core/domain/signinCode';
import { macWith } from '../../functions/task/secret';
import { documents } from '../seed/data';
import type { Emulator } from '../../emulator/server';
import type { TestCloud } from '../../tests/helpers/cloud';

const MIN = 60_000;
const HOUR = 60 * MIN;

export const ADMIN = 'demo-community-1';
export type Doc = Record<string, unknown> & { _id: string };

/** Anything holding the emulator: a test cloud or the local stack. */
export type Target = { emulator: Emulator };

export function put(cloud: Target, c: string, docs: Doc[]): void {
  cloud.emulator.store.commit(docs.map((d) => ({ c, id: d._id, doc: { ...d } })));
}

function task(id: string, startAt: Date, endAt: Date, signed: number, now: Date): Doc {
  return {
    _id: id, communityId: 'comm-1', communityName: '东湖社区', streetId: 'street-1', districtId: 'dist-1', title: `任务${id}`, description: '',
    category: 'environment', startAt, endAt, signupDeadline: new Date(startAt.getTime() - HOUR), place: { name: '社区广场', lat: 30.25, lng: 120.15, radius: null },
    slots: 50, ruleId: null, skills: [], audience: 'community', source: null, status: 'published', cancelReason: null,
    signed, waitlisted: 0, nextSeq: signed + 1, createdBy: ADMIN, createdAt: now, updatedAt: now, publishedAt: now, confirmedAt: null, confirmedBy: null,
  };
}

function signup(taskId: string, m: Doc, seq: number, now: Date, over: Record<string, unknown> = {}): Doc {
  return {
    _id: `${taskId}:${m._id}`, taskId, openid: m._id, communityId: 'comm-1', name: m.name, phone: m.phone, status: 'signed', seq,
    signInAt: null, signOutAt: null, byAdmin: false, minutes: null, minutesByDay: {}, days: [], confirmed: false, confirmedAt: null,
    noshow: false, awarded: false, createdAt: now, updatedAt: now, ...over,
  };
}

export interface World {
  now: Date;
  /** members of comm-1 with an approved report */
  members: string[];
  running: string;
  upcoming: string;
  /** ended tasks with `n` attended signups, by n */
  ended: Record<number, string>;
  pendingReport: string;
  code(taskId: string, at?: Date): string;
}

/** Writes the world into an empty store; `confirmSizes` = how many attendees each ended task has. */
export function buildWorld(cloud: Target, now = new Date(), confirmSizes: number[] = [2, 6], burst = 0): World {
  const d = documents(now);
  put(cloud, 'orgs', d.orgs);
  put(cloud, 'units', d.units);
  put(cloud, 'admins', d.admins);
  put(cloud, 'members', d.members);
  put(cloud, 'reports', d.reports);
  const home = d.members.filter((m) => m.communityId === 'comm-1' && m._id.startsWith('demo-member-'));
  const pending = d.reports.find((r) => r.status === 'pending' && r.communityId === 'comm-1');
  if (!pending || home.length < 12) throw new Error('the demo data changed: need a pending comm-1 report and 12 comm-1 members');

  const tasks: Doc[] = [];
  const signups: Doc[] = [];
  const secretOf: Record<string, string> = {};
  const addTask = (t: Doc) => {
    secretOf[t._id] = randomBytes(32).toString('hex');
    tasks.push({ ...t, codeSecret: secretOf[t._id] }); // as publish writes it (functions/task/secret.ts)
  };
  // running: started 10 minutes ago, members 0..3 signed up
  const running = task('bench-running', new Date(now.getTime() - 10 * MIN), new Date(now.getTime() + 2 * HOUR), 4, now);
  addTask(running);
  home.slice(0, 4).forEach((m, i) => signups.push(signup(running._id, m, i + 1, now)));
  // `burst` more signed-up people on the running task, for the sign-in burst
  for (let i = 0; i < burst; i++) signups.push(signup(running._id, { _id: `burst${i}`, name: `党员${i}`, phone: '13800000000' }, 5 + i, now));
  // upcoming: tomorrow, members 0..1 signed up
  const start = new Date(now.getTime() + 26 * HOUR);
  const upcoming = task('bench-upcoming', start, new Date(start.getTime() + 2 * HOUR), 2, now);
  addTask(upcoming);
  home.slice(0, 2).forEach((m, i) => signups.push(signup(upcoming._id, m, i + 1, now)));
  // ended: 3 h ago to 1 h ago, n members signed in and out
  const ended: Record<number, string> = {};
  for (const n of confirmSizes) {
    const t = task(`bench-ended-${n}`, new Date(now.getTime() - 3 * HOUR), new Date(now.getTime() - HOUR), n, now);
    addTask(t);
    ended[n] = t._id;
    home.slice(0, n).forEach((m, i) => signups.push(signup(t._id, m, i + 1, now, {
      signInAt: new Date(now.getTime() - 3 * HOUR - 5 * MIN), signOutAt: new Date(now.getTime() - HOUR - i * MIN),
    })));
  }
  // each task's roster, as signup writes it (functions/task/roster.ts)
  for (const t of tasks) {
    t.roster = Object.fromEntries(signups.filter((s) => s.taskId === t._id).map((s) => [s.openid, { status: s.status, seq: s.seq }]));
  }
  put(cloud, 'tasks', tasks);
  put(cloud, 'signups', signups);
  return {
    now,
    members: home.map((m) => m._id),
    running: running._id,
    upcoming: upcoming._id,
    ended,
    pendingReport: pending._id,
    code: (taskId, at = new Date()) => formatCode(taskId, stepAt(at), macWith(secretOf[taskId])(taskId, stepAt(at))),
  };
}

/** `n` balances of this year in comm-1 (street-1), for ranking at scale. */
export function balances(n: number, year: number, from = 0): Doc[] {
  const out: Doc[] = [];
  for (let i = from; i < from + n; i++) {
    out.push({
      _id: `${year}:bulk${i}`, openid: `bulk${i}`, year, points: (i * 7919) % 1000, minutes: 0, earned: 0, days: {}, entries: 1,
      communityId: 'comm-1', unitId: i % 3 === 0 ? 'unit-1' : null, streetId: 'street-1', districtId: 'dist-1', name: `党员${i}`, updatedAt: new Date(0),
    });
  }
  return out;
}

export interface Measured { calls: number; examined: number; ok: boolean; code?: string }

async function one(cloud: TestCloud, fn: string, action: string, data: unknown, openid: string): Promise<Measured> {
  const { result, stats } = await cloud.callWithStats(fn, action, data, openid);
  return { calls: stats.calls, examined: stats.examined, ok: !!result?.ok, ...(result?.ok ? {} : { code: result?.code }) };
}

/**
 * Database calls per action, each on the world above (call it once per fresh world: it changes
 * it). `confirm per member` is the slope between the two ended tasks.
 */
export async function measureActions(cloud: TestCloud, w: World): Promise<Record<string, Measured>> {
  const [a, b, c, e] = w.members;
  const out: Record<string, Measured> = {};
  out['whoami'] = await one(cloud, 'member', 'whoami', {}, a);
  out['task list'] = await one(cloud, 'task', 'listTasks', { scope: 'community' }, a);
  out['task detail'] = await one(cloud, 'task', 'getTask', { id: w.upcoming }, a);
  // e is not signed up for it yet: whether e may sign up needs the member document
  out['task detail (not signed up)'] = await one(cloud, 'task', 'getTask', { id: w.upcoming }, e);
  out['signup'] = await one(cloud, 'task', 'signup', { taskId: w.upcoming }, e);
  out['sign-in'] = await one(cloud, 'task', 'signIn', { code: w.code(w.running), taskId: w.running }, a);
  out['sign-in (again)'] = await one(cloud, 'task', 'signIn', { code: w.code(w.running), taskId: w.running }, a);
  out['sign-out'] = await one(cloud, 'task', 'signOut', { code: w.code(w.running), taskId: w.running }, a);
  void b; void c;
  const sizes = Object.keys(w.ended).map(Number).sort((x, y) => x - y);
  for (const n of sizes) out[`confirm ${n}`] = await one(cloud, 'task', 'confirmAttendance', { taskId: w.ended[n] }, ADMIN);
  const [lo, hi] = [sizes[0], sizes[sizes.length - 1]];
  out['confirm per member'] = { calls: (out[`confirm ${hi}`].calls - out[`confirm ${lo}`].calls) / (hi - lo), examined: 0, ok: out[`confirm ${hi}`].ok && out[`confirm ${lo}`].ok };
  // the first view of a scope builds its rank counts once (functions/_lib/rank.ts); then every view is steady
  out['balance (first view)'] = await one(cloud, 'points', 'balance', {}, a);
  out['balance'] = await one(cloud, 'points', 'balance', {}, a);
  out['ranking p1'] = await one(cloud, 'points', 'ranking', { scope: 'community' }, a);
  out['ranking p2'] = await one(cloud, 'points', 'ranking', { scope: 'community', page: 2, pageSize: 5 }, a);
  out['report approve'] = await one(cloud, 'report', 'approve', { reportId: w.pendingReport }, ADMIN);
  // what the approval left to the report timer: the notices and the credit (not the admin's wait)
  const tick = await cloud.invokeWithStats('report', { Type: 'Timer', TriggerName: 'every-minute', Time: new Date().toISOString() });
  out['report follow-up (timer)'] = { calls: tick.stats.calls, examined: tick.stats.examined, ok: tick.result?.finished === 1 };
  return out;
}
