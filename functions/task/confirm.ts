/**
 * Attendance confirmation (after the end): fixes each signed member's minutes — sign-in/out
 * clipped to the window, whole minutes, split by China-time day, capped per member and day across
 * tasks — and credits points through the ledger, CHUNK members per transaction.
 *
 * Exactly once: every chunk's transaction first reads the task, whose `settled` map names the
 * members already confirmed, and writes it back with the chunk's members added. Concurrent
 * confirmations of one task serialise on that document, so a member is confirmed and credited once
 * however many calls race. Per member the transaction reads the balance — which also holds the
 * minutes already confirmed per day (`dayMinutes`), so two tasks confirmed at once cannot together
 * pass the daily cap: the second waits for the first's balance lock and reads its minutes — and
 * posts the entry and the balance (with the day's new minutes) with the ledger's `postMany` (rank
 * counts once per chunk, the chunk's entries in one insert), then marks the signup confirmed: per
 * member 1 read and 2 writes. All of a chunk commits together or not at all, so a call cut short
 * mid-chunk leaves nothing half-written. The chunk that settles the last member marks the task
 * finished and writes the audit, so a call cut short by the function timeout is repeated and
 * continues where it stopped.
 */
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { taskContract } from '../../core/contracts/task';
import { balanceIdOf, type Balance } from '../../core/domain/ledger';
import { capByDay, dayKey, DEFAULT_DAILY_CAP_MINUTES, minutesByDay, sumMinutes } from '../../core/domain/hours';
import { yearOf } from '../../core/domain/scoring';
import { postMany, type PostItem } from '../_lib/ledger';
import { getAll, updateWhere } from '../_lib/query';
import type { Ctx } from '../_lib/router';
import { award, awardEntry, effectiveRule, placesOfMembers, type EffectiveRule } from '../_shared/ledger';
import { notifyApprovers, reviewDocOf } from '../_shared/review';
import { heldOf } from '../../core/domain/ledger';
import { describeCause } from '../../core/domain/scoring';

type ReviewDocs = Array<Parameters<typeof notifyApprovers>[1]>;
import { requireTaskAdmin } from './access';
import { loadTask, normSignup, transact, txGet, txSet, txUpdate, type SignupDoc, type TaskDoc } from './store';

type C = typeof taskContract;
/** members per transaction: about 3 operations each, so a chunk stays well inside a transaction's limits */
const CHUNK = 20;

/** Daily cap on service minutes per member (configurable per deployment). */
export function dailyCapMinutes(): number {
  const v = Number(process.env.TASK_DAILY_CAP_MINUTES);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : DEFAULT_DAILY_CAP_MINUTES;
}

interface Outcome { minutes: number; noshow: boolean }
type Settled = Record<string, Outcome>;

const dayId = (openid: string, day: string) => `${openid}:${day}`;
/** the year of a China-time day `YYYY-MM-DD`: whose balance keeps that day's minutes */
const yearOfDay = (day: string) => Number(day.slice(0, 4));

export async function taskSignups(ctx: Ctx, taskId: string): Promise<SignupDoc[]> {
  return (await getAll<unknown>(ctx, 'signups', { taskId, status: ctx.db.command.in(['signed', 'waitlisted']) }, ['seq', 'asc'])).map(normSignup);
}

/**
 * Minutes these members confirmed on these days from other tasks, by `openid:day`, read from
 * signups (one query, before the transaction). Used only for a day the balance does not hold yet:
 * days confirmed before balances kept `dayMinutes` (signups are where every confirmed minute is).
 * Safe outside the transaction: a confirmation that commits meanwhile writes the day into the
 * balance, which the transaction then reads (under its lock) instead.
 */
async function confirmedByDay(ctx: Ctx, taskId: string, openids: string[], days: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (days.length === 0) return out;
  const _ = ctx.db.command;
  const others = await getAll<unknown>(ctx, 'signups', { openid: _.in(openids), confirmed: true, days: _.in(days) }, undefined, 300 * openids.length);
  for (const o of others.map(normSignup)) {
    if (o.taskId === taskId) continue;
    for (const [d, m] of Object.entries(o.minutesByDay)) out.set(dayId(o.openid, d), (out.get(dayId(o.openid, d)) ?? 0) + m);
  }
  return out;
}

/** This member's minutes by day (none for a no-show, or a sign-in without sign-out accepted as 0). */
const perDayOf = (t: TaskDoc, s: SignupDoc) => (s.signInAt && s.signOutAt ? minutesByDay(s.signInAt, s.signOutAt, t) : {});

/**
 * One transaction for `chunk` (members not confirmed when read): skips those the task already
 * names settled, confirms and credits the rest, and — when `last` — finishes the task.
 */
async function settleChunk(
  ctx: Ctx, t: TaskDoc, chunk: SignupDoc[], last: boolean, rule: EffectiveRule, summaryOf: (s: Settled) => Outcome[], held: ReviewDocs,
): Promise<{ settled: Settled; made: boolean }> {
  const openids = chunk.map((s) => s.openid);
  const days = [...new Set(chunk.flatMap((s) => Object.keys(perDayOf(t, s))))];
  const [places, earlier] = chunk.length
    ? await Promise.all([placesOfMembers(ctx, openids, t.communityId), confirmedByDay(ctx, t._id, openids, days)])
    : [new Map(), new Map()];
  const year = yearOf(t.endAt);
  return transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', t._id);
    if (!cur) fail('TASK_NOT_FOUND', '未找到该任务');
    const settled: Settled = { ...cur.settled };
    if (cur.status === 'finished') return { settled, made: false };
    const fresh = chunk.filter((s) => !settled[s.openid]);
    const items: PostItem[] = [];
    held.length = 0; // a retried attempt starts over
    for (const s of fresh) {
      const attended = !!s.signInAt;
      const perDay = perDayOf(t, s);
      // a day's minutes live on the balance of the day's own year; only a task across New Year reads two
      const stored = new Map<number, Balance | null>();
      for (const y of [...new Set([year, ...Object.keys(perDay).map(yearOfDay)])].sort()) stored.set(y, await txGet(tx, 'balances', balanceIdOf(y, s.openid)));
      const used = Object.fromEntries(Object.keys(perDay).map((d) => [d, stored.get(yearOfDay(d))?.dayMinutes?.[d] ?? earlier.get(dayId(s.openid, d)) ?? 0]));
      const capped = capByDay(perDay, used, dailyCapMinutes());
      const dayMinutes = new Map<number, Record<string, number>>();
      for (const d of Object.keys(perDay)) dayMinutes.set(yearOfDay(d), { ...dayMinutes.get(yearOfDay(d)), [d]: used[d] + (capped[d] ?? 0) });
      const minutes = sumMinutes(capped);
      // a signup not yet confirmed has no entry: the old two-step path confirmed before it credited
      const balance = stored.get(year) ?? null;
      const entry = awardEntry({
        openid: s.openid, cause: attended ? 'attendance' : 'noshow', sourceId: t._id, communityId: t.communityId,
        minutes: attended ? minutes : 0, at: t.endAt, actor: ctx.openid,
      }, rule, balance, ctx.now);
      // attendance recorded by hand (补录): held for a second admin's 复核, with its queue document
      const maker = attended ? s.manualBy : null;
      if (maker) {
        const doc = reviewDocOf(entry, maker, { kind: 'attendance', title: `${describeCause('attendance')}：${t.title}`, name: s.name || places.get(s.openid)?.name || '' }, ctx.now);
        await txSet(tx, 'reviews', entry._id, doc);
        held.push({ _id: entry._id, ...doc });
      }
      items.push({ entries: [maker ? heldOf(entry, maker) : entry], place: places.get(s.openid)!, balance, dayMinutes: dayMinutes.get(year) });
      for (const [y, dm] of dayMinutes) {
        // the other year's days of a task across New Year: stored there (an empty balance when the member has none)
        if (y !== year && Object.keys(dm).some((d) => capped[d] > 0)) {
          const owner = { openid: s.openid, year: y };
          items.push({ entries: [], place: places.get(s.openid)!, balance: stored.get(y) ?? null, keepPlace: true, dayMinutes: dm, owner });
        }
      }
      await txUpdate(tx, 'signups', s._id, { confirmed: true, confirmedAt: ctx.now, noshow: !attended, minutes, minutesByDay: capped, days: Object.keys(capped), awarded: true, updatedAt: ctx.now });
      settled[s.openid] = { minutes, noshow: !attended };
    }
    await postMany(tx, items, ctx.now, ctx);
    if (!last) {
      if (fresh.length) await txUpdate(tx, 'tasks', t._id, { settled });
      return { settled, made: false };
    }
    await txUpdate(tx, 'tasks', t._id, { settled, status: 'finished', confirmedAt: ctx.now, confirmedBy: ctx.openid, updatedAt: ctx.now });
    await txSet(tx, 'auditLog', `task.confirmAttendance:${t._id}`, {
      actor: ctx.openid, action: 'task.confirmAttendance', subjectId: t._id, targetOpenid: null, reason: '确认考勤',
      detail: { ...totals(summaryOf(settled)), day: dayKey(t.startAt) }, createdAt: ctx.now,
    });
    return { settled, made: true };
  });
}

const totals = (list: Outcome[]) => ({
  attended: list.filter((x) => !x.noshow).length, noshow: list.filter((x) => x.noshow).length, totalMinutes: list.reduce((a, x) => a + x.minutes, 0),
});

export async function confirmAttendance(input: ParsedInputOf<C, 'confirmAttendance'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (t.status === 'draft') fail('TASK_NOT_OPEN', '草稿任务没有考勤');
  if (ctx.now.getTime() < t.endAt.getTime()) fail('TASK_NOT_ENDED', '任务结束后才能确认考勤');
  const signed = (await taskSignups(ctx, t._id)).filter((s) => s.status === 'signed');
  const stored = (s: SignupDoc): Outcome => ({ minutes: s.minutes ?? 0, noshow: s.noshow });
  if (t.status === 'finished') return { ...totals(signed.map(stored)), alreadyConfirmed: true };
  const missing = signed.filter((s) => s.signInAt && !s.signOutAt && !s.confirmed).length;
  if (missing > 0 && !input.acceptMissingSignOut) {
    fail('MISSING_SIGN_OUT', `有 ${missing} 人签到后未签退，请先补录签退时间，或确认按 0 分钟记录`, { missing });
  }
  // confirmed by the earlier two-step code (confirm, then credit) and cut short before the credit
  for (const s of signed.filter((x) => x.confirmed && !x.awarded)) {
    await award(ctx, { openid: s.openid, cause: s.noshow ? 'noshow' : 'attendance', sourceId: t._id, communityId: t.communityId, minutes: s.noshow ? 0 : s.minutes ?? 0, at: t.endAt, actor: ctx.openid, manualBy: s.noshow ? null : s.manualBy ?? null, title: t.title });
    await updateWhere(ctx, 'signups', { _id: s._id }, { awarded: true });
  }
  const summaryOf = (settled: Settled) => signed.map((s) => settled[s.openid] ?? stored(s));
  // in openid order, so concurrent confirmations of tasks sharing members take their locks in one order
  const todo = signed.filter((s) => !s.confirmed).sort((a, b) => (a.openid < b.openid ? -1 : 1));
  const chunks: SignupDoc[][] = [];
  for (let i = 0; i < todo.length; i += CHUNK) chunks.push(todo.slice(i, i + CHUNK));
  if (chunks.length === 0) chunks.push([]);
  const rule = await effectiveRule(ctx, t.communityId, t.districtId);
  let end = { settled: {} as Settled, made: false };
  for (let i = 0; i < chunks.length; i++) {
    const held: ReviewDocs = [];
    end = await settleChunk(ctx, t, chunks[i], i === chunks.length - 1, rule, summaryOf, held);
    // the community's other admins are told of each hand-made credit to approve (keyed: once)
    for (const r of held) await notifyApprovers(ctx, r);
  }
  return { ...totals(summaryOf(end.settled)), alreadyConfirmed: !end.made };
}
