/**
 * On-site attendance: the admin's rotating code, member sign-in / sign-out with it, records by
 * hand for members without a phone, and the confirmation that fixes hours and credits points.
 */
import QRCode from 'qrcode';
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { taskContract } from '../../core/contracts/task';
import { capByDay, dayKey, DEFAULT_DAILY_CAP_MINUTES, minutesByDay, serviceMinutes, sumMinutes } from '../../core/domain/hours';
import { formatCode, nextStepAt, parseCode, stepAt, STEP_MS, verifyCode, type ParsedCode } from '../../core/domain/signinCode';
import { distanceMeters, withinGeofence } from '../../core/domain/taskGeofence';
import { signInOpen, signInOpensAt, signOutOpen, SIGN_OUT_GRACE_MS } from '../../core/domain/taskRules';
import { award } from '../_shared/ledger';
import type { Ctx } from '../_lib/router';
import { macWith, secretOf } from './secret';
import { getRecord, updateWhere } from '../_lib/query';
import { audit, getAll, loadTask, normSignup, signupId, transact, txGet, txSet, txUpdate, type SignupDoc, type TaskDoc } from './store';
import { ensureSigned, loadMember, waitPosition } from './signups';
import { requireTaskAdmin } from './access';
import { adminDetail } from './tasks';
import { rowOf } from './views';

type C = typeof taskContract;
const CONFIRM_BATCH = 8;

/** Daily cap on service minutes per member (configurable per deployment). */
export function dailyCapMinutes(): number {
  const v = Number(process.env.TASK_DAILY_CAP_MINUTES);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : DEFAULT_DAILY_CAP_MINUTES;
}

const hhmm = (d: Date) => {
  const t = new Date(d.getTime() + 8 * 3_600_000);
  return `${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')} ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
};

// pngjs's default adaptive filter tries five filters on every row: ~10× slower than the "up" filter
// (2) for a two-colour image whose rows repeat (13 KB instead of 4 KB; rendered on every refresh).
// filterType is passed through to pngjs; @types/qrcode does not list it.
const QR_PNG = { errorCorrectionLevel: 'M' as const, margin: 1, width: 480, rendererOpts: { quality: 1, filterType: 2 } };

export async function signinCode(input: ParsedInputOf<C, 'signinCode'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  if (t.status !== 'published') fail('TASK_NOT_OPEN', '只有已发布的任务可以展示签到码');
  if (ctx.now.getTime() > t.endAt.getTime() + SIGN_OUT_GRACE_MS) fail('SIGNIN_CLOSED', '任务已结束，签到码已停止');
  const secret = await secretOf(ctx, t._id, true);
  if (!secret) fail('INTERNAL', '签到码生成失败，请重试');
  const step = stepAt(ctx.now);
  const code = formatCode(t._id, step, macWith(secret)(t._id, step));
  const dataUrl = await QRCode.toDataURL(code, QR_PNG);
  return { code, dataUrl, refreshAt: nextStepAt(step).toISOString(), stepSeconds: STEP_MS / 1000 };
}

/** Checks a scanned code; returns its task (the secret and the task are read together: 2 round trips). */
async function checkCode(ctx: Ctx, text: string, expectedTaskId: string | undefined): Promise<{ task: TaskDoc; parsed: ParsedCode }> {
  const parsed = parseCode(text);
  if (!parsed) fail('CODE_INVALID', '这不是有效的签到码，请扫描现场屏幕上的二维码');
  if (expectedTaskId && parsed.taskId !== expectedTaskId) fail('CODE_OTHER_TASK', '这是其他任务的签到码，请扫描本任务现场的二维码');
  const [secret, task] = await Promise.all([secretOf(ctx, parsed.taskId, false), getRecord(ctx, 'tasks', parsed.taskId)]);
  if (!secret) fail('CODE_INVALID', '这不是有效的签到码，请扫描现场屏幕上的二维码');
  const verdict = verifyCode(parsed, ctx.now, macWith(secret));
  if (verdict === 'expired') fail('CODE_EXPIRED', '签到码已过期，请扫描现场屏幕上最新的二维码');
  if (verdict !== 'ok') fail('CODE_INVALID', '签到码无效，请扫描现场屏幕上的二维码');
  if (!task) fail('TASK_NOT_FOUND', '未找到该任务，可能已被删除');
  return { task, parsed };
}

function checkPlace(t: TaskDoc, location: { lat: number; lng: number } | undefined) {
  if (t.place?.radius == null) return;
  if (!location) fail('LOCATION_REQUIRED', '该任务需要定位签到，请允许获取位置后重试');
  if (!withinGeofence({ lat: t.place.lat, lng: t.place.lng, radius: t.place.radius }, location)) {
    fail('OUT_OF_RANGE', `您不在任务地点附近（距离约 ${Math.round(distanceMeters(t.place, location))} 米），请到现场签到`);
  }
}

/**
 * Which rule stops a sign-in / sign-out for this signup (for sign-in it is re-read only after the
 * conditional write matched nothing, to choose the error).
 */
function whyNot(s: SignupDoc | null, step: 'in' | 'out'): never {
  if (!s || s.status === 'cancelled') fail('NOT_SIGNED_UP', '您没有报名该任务');
  if (s.status === 'waitlisted') fail('WAITLISTED', '您还在候补名单中，暂不能签到');
  if (step === 'in') fail('ALREADY_SIGNED_IN', '您已签到，无需重复签到');
  if (!s.signInAt) fail('NOT_SIGNED_IN', '您还没有签到，请先签到');
  fail('ALREADY_SIGNED_OUT', '您已签退');
}

/**
 * Sign-in in 3 round trips: the code's secret and the task (together), then ONE conditional write
 * that succeeds only for a signed-up member not yet signed in — atomic, so concurrent taps sign in
 * once. Only when it matches nothing is the signup read, to choose the error.
 */
export async function signIn(input: ParsedInputOf<C, 'signIn'>, ctx: Ctx) {
  const { task: t } = await checkCode(ctx, input.code, input.taskId);
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (!signInOpen(t, ctx.now)) {
    if (ctx.now.getTime() < signInOpensAt(t).getTime()) fail('SIGN_IN_NOT_OPEN', `签到将于 ${hhmm(signInOpensAt(t))} 开放（开始前 30 分钟）`);
    fail('SIGN_IN_CLOSED', '任务已结束，不能再签到');
  }
  checkPlace(t, input.location);
  const id = signupId(t._id, ctx.openid);
  const n = await updateWhere(ctx, 'signups', { _id: id, status: 'signed', signInAt: null }, { signInAt: ctx.now, signInLocation: input.location ?? null, updatedAt: ctx.now });
  if (n !== 1) whyNot(await getRecord(ctx, 'signups', id), 'in');
  return { taskId: t._id, title: t.title, signInAt: ctx.now.toISOString() };
}

/**
 * Sign-out in 4 round trips: the secret, the task and the signup (its sign-in time gives the
 * minutes shown) read together, then one conditional write. (The SDK has no update-and-return that
 * would save the signup read.)
 */
export async function signOut(input: ParsedInputOf<C, 'signOut'>, ctx: Ctx) {
  const id = signupId(input.taskId ?? parseCode(input.code)?.taskId ?? '', ctx.openid);
  const [{ task: t }, mine] = await Promise.all([checkCode(ctx, input.code, input.taskId), getRecord(ctx, 'signups', id)]);
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (!signOutOpen(t, ctx.now)) fail('SIGN_OUT_CLOSED', '已超过签退时间，请联系社区管理员补录');
  // before the start nothing has been served: a sign-out then would record 0 minutes
  if (ctx.now.getTime() < t.startAt.getTime()) fail('SIGN_OUT_TOO_EARLY', `任务 ${hhmm(t.startAt)} 开始，开始后才能签退`);
  if (!mine?.signInAt || mine.status !== 'signed' || mine.signOutAt) whyNot(mine, 'out');
  checkPlace(t, input.location);
  const signInAt = mine!.signInAt!;
  const n = await updateWhere(ctx, 'signups', { _id: id, status: 'signed', signInAt, signOutAt: null }, { signOutAt: ctx.now, signOutLocation: input.location ?? null, updatedAt: ctx.now });
  if (n !== 1) whyNot(await getRecord(ctx, 'signups', id), 'out');
  return { taskId: t._id, title: t.title, signOutAt: ctx.now.toISOString(), minutes: serviceMinutes(signInAt, ctx.now, t) };
}

async function taskSignups(ctx: Ctx, taskId: string): Promise<SignupDoc[]> {
  const cmd = ctx.db.command;
  return (await getAll<SignupDoc>(ctx, 'signups', { taskId, status: cmd.in(['signed', 'waitlisted']) }, ['seq', 'asc'])).map(normSignup);
}

export async function attendance(input: ParsedInputOf<C, 'attendance'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  const list = await taskSignups(ctx, t._id);
  let waitPos = 0;
  const rows = list.map((s) => rowOf(t, s, s.status === 'waitlisted' ? ++waitPos : null));
  return { task: await adminDetail(ctx, t), rows, missingSignOut: rows.filter((r) => r.missingSignOut).length };
}

export async function recordAttendance(input: ParsedInputOf<C, 'recordAttendance'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  // hours and points for oneself are never by one's own hand (as points `adjust`)
  if (input.openid === ctx.openid) fail('FORBIDDEN', '不能为自己补录考勤，请由其他管理员补录');
  if (t.status !== 'published') fail('TASK_NOT_OPEN', t.status === 'finished' ? '考勤已确认，不能再补录' : '只能为已发布的任务补录考勤');
  const signInAt = new Date(input.signInAt);
  const signOutAt = new Date(input.signOutAt);
  if (signOutAt.getTime() <= signInAt.getTime()) fail('INVALID_TIME', '签退时间须晚于签到时间');
  if (signInAt.getTime() < signInOpensAt(t).getTime() || signOutAt.getTime() > t.endAt.getTime() + SIGN_OUT_GRACE_MS) {
    fail('INVALID_TIME', '补录的时间须在任务时间范围内');
  }
  if (signOutAt.getTime() > ctx.now.getTime()) fail('INVALID_TIME', '不能补录未来的时间');
  const member = await loadMember(ctx, input.openid);
  if (!member) fail('MEMBER_NOT_FOUND', '未找到该党员');
  const s = await ensureSigned(ctx, t, member, { signInAt, signOutAt, byAdmin: true });
  await audit(ctx, { action: 'task.recordAttendance', subjectId: t._id, targetOpenid: input.openid, reason: input.reason, detail: { signInAt, signOutAt } });
  return { row: rowOf(t, normSignup(s), s.status === 'waitlisted' ? await waitPosition(ctx, t._id, s.seq) : null) };
}

/** Minutes a member has confirmed on one China-time day, by task (`serviceDays/${openid}:${day}`, core/db/records.ts). */
const serviceDayId = (openid: string, day: string) => `${openid}:${day}`;

/**
 * Minutes this member has confirmed on these days from other tasks, by day and task, read from
 * signups. Only used to start a day's document for days confirmed before day documents existed.
 */
async function confirmedByDay(ctx: Ctx, openid: string, taskId: string, days: string[]): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = Object.fromEntries(days.map((d) => [d, {}]));
  if (days.length === 0) return out;
  const others = await getAll<SignupDoc>(ctx, 'signups', { openid, confirmed: true, days: ctx.db.command.in(days) }, undefined, 300);
  for (const o of others) {
    if (o.taskId === taskId) continue;
    for (const d of days) if (o.minutesByDay?.[d]) out[d][o.taskId] = o.minutesByDay[d];
  }
  return out;
}

const othersTotal = (tasks: Record<string, number>, taskId: string) =>
  Object.entries(tasks).reduce((sum, [id, m]) => (id === taskId ? sum : sum + m), 0);

/**
 * Fix one member's minutes (once: a stored confirmation is kept as it is), then credit points.
 * The daily cap is applied inside the same transaction that reads and writes the member's day
 * documents, so two tasks confirmed at the same moment cannot together pass the cap.
 * `award` is idempotent per cause, task and member, so a retry after a crash cannot pay twice.
 */
async function settle(ctx: Ctx, t: TaskDoc, s: SignupDoc): Promise<{ minutes: number; noshow: boolean }> {
  let record = s;
  if (!s.confirmed) {
    const attended = !!s.signInAt;
    const perDay = attended && s.signOutAt ? minutesByDay(s.signInAt!, s.signOutAt, t) : {};
    const days = Object.keys(perDay);
    const earlier = await confirmedByDay(ctx, s.openid, t._id, days);
    record = await transact(ctx, async (tx) => {
      const cur = await txGet(tx, 'signups', s._id);
      if (cur?.confirmed) return cur;
      const dayTasks: Record<string, Record<string, number>> = {};
      for (const d of days) {
        const doc = await txGet(tx, 'serviceDays', serviceDayId(s.openid, d));
        dayTasks[d] = doc ? { ...doc.tasks } : { ...earlier[d] };
      }
      const used = Object.fromEntries(days.map((d) => [d, othersTotal(dayTasks[d], t._id)]));
      const capped = capByDay(perDay, used, dailyCapMinutes());
      for (const d of days) {
        const tasks = { ...dayTasks[d], [t._id]: capped[d] ?? 0 };
        await txSet(tx, 'serviceDays', serviceDayId(s.openid, d), { openid: s.openid, day: d, tasks, minutes: othersTotal(tasks, ''), updatedAt: ctx.now });
      }
      const patch = { confirmed: true, confirmedAt: ctx.now, noshow: !attended, minutes: sumMinutes(capped), minutesByDay: capped, days, updatedAt: ctx.now };
      await txUpdate(tx, 'signups', s._id, patch);
      return { ...s, ...patch };
    });
  }
  if (!record.awarded) {
    await award(ctx, {
      openid: record.openid, cause: record.noshow ? 'noshow' : 'attendance', sourceId: t._id, communityId: t.communityId,
      minutes: record.noshow ? 0 : record.minutes ?? 0, at: t.endAt, actor: ctx.openid,
    });
    await ctx.db.collection('signups').doc(record._id).update({ data: { awarded: true } });
  }
  return { minutes: record.minutes ?? 0, noshow: record.noshow };
}

export async function confirmAttendance(input: ParsedInputOf<C, 'confirmAttendance'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  if (t.status === 'cancelled') fail('TASK_CANCELLED', '该任务已取消');
  if (t.status === 'draft') fail('TASK_NOT_OPEN', '草稿任务没有考勤');
  if (ctx.now.getTime() < t.endAt.getTime()) fail('TASK_NOT_ENDED', '任务结束后才能确认考勤');
  const signed = (await taskSignups(ctx, t._id)).filter((s) => s.status === 'signed');
  const summary = (list: Array<{ minutes: number; noshow: boolean }>) => ({
    attended: list.filter((x) => !x.noshow).length, noshow: list.filter((x) => x.noshow).length, totalMinutes: list.reduce((a, x) => a + x.minutes, 0),
  });
  if (t.status === 'finished') {
    return { ...summary(signed.map((s) => ({ minutes: s.minutes ?? 0, noshow: s.noshow }))), alreadyConfirmed: true };
  }
  const missing = signed.filter((s) => s.signInAt && !s.signOutAt && !s.confirmed).length;
  if (missing > 0 && !input.acceptMissingSignOut) {
    fail('MISSING_SIGN_OUT', `有 ${missing} 人签到后未签退，请先补录签退时间，或确认按 0 分钟记录`, { missing });
  }
  const results: Array<{ minutes: number; noshow: boolean }> = [];
  // a few members at a time (each settles only their own signup and ledger entry, so members are
  // independent); the task is marked finished only after all of them, so a call cut short by the
  // function timeout is simply repeated and continues where it stopped
  for (let i = 0; i < signed.length; i += CONFIRM_BATCH) {
    results.push(...(await Promise.all(signed.slice(i, i + CONFIRM_BATCH).map((s) => settle(ctx, t, s)))));
  }
  // the task turns finished and the confirmation is audited in one transaction that first re-reads
  // the task: of several calls racing here, only the one that made the change writes the audit
  const made = await transact(ctx, async (tx) => {
    const cur = await txGet(tx, 'tasks', t._id);
    if (cur?.status === 'finished') return false;
    await txUpdate(tx, 'tasks', t._id, { status: 'finished', confirmedAt: ctx.now, confirmedBy: ctx.openid, updatedAt: ctx.now });
    await txSet(tx, 'auditLog', `task.confirmAttendance:${t._id}`, {
      actor: ctx.openid, action: 'task.confirmAttendance', subjectId: t._id, targetOpenid: null, reason: '确认考勤',
      detail: { ...summary(results), day: dayKey(t.startAt) }, createdAt: ctx.now,
    });
    return true;
  });
  return { ...summary(results), alreadyConfirmed: !made };
}
