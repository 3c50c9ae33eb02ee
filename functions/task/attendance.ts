/**
 * On-site attendance: the admin's rotating code, member sign-in / sign-out with it, and records by
 * hand for members without a phone. The confirmation that fixes hours and credits points: confirm.ts.
 */
import QRCode from 'qrcode';
import { fail } from '../../core/contracts/errors';
import type { ParsedInputOf } from '../../core/contracts/envelope';
import type { taskContract } from '../../core/contracts/task';
import { serviceMinutes } from '../../core/domain/hours';
import { formatCode, nextStepAt, parseCode, stepAt, STEP_MS, verifyCode, type ParsedCode } from '../../core/domain/signinCode';
import { distanceMeters, withinGeofence } from '../../core/domain/taskGeofence';
import { signInOpen, signInOpensAt, signOutOpen, SIGN_OUT_GRACE_MS } from '../../core/domain/taskRules';
import type { Ctx } from '../_lib/router';
import { macWith, secretOf } from './secret';
import { getMany, getRecord, updateWhere } from '../_lib/query';
import { audit, loadTask, normSignup, signupId, type SignupDoc, type TaskDoc } from './store';
import { ensureSigned, loadMember, waitPosition, type MemberDoc } from './signups';
import { followsRoster, repairSignup } from './roster';
import { requireTaskAdmin } from './access';
import { adminDetail } from './tasks';
import { rowOf } from './views';
import { taskSignups } from './confirm';

type C = typeof taskContract;

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
  const secret = await secretOf(ctx, t, true);
  if (!secret) fail('INTERNAL', '签到码生成失败，请重试');
  const step = stepAt(ctx.now);
  const code = formatCode(t._id, step, macWith(secret)(t._id, step));
  const dataUrl = await QRCode.toDataURL(code, QR_PNG);
  return { code, dataUrl, refreshAt: nextStepAt(step).toISOString(), stepSeconds: STEP_MS / 1000 };
}

/** Checks a scanned code; returns its task (which carries the code's secret: 1 round trip). */
async function checkCode(ctx: Ctx, text: string, expectedTaskId: string | undefined): Promise<{ task: TaskDoc; parsed: ParsedCode }> {
  const parsed = parseCode(text);
  if (!parsed) fail('CODE_INVALID', '这不是有效的签到码，请扫描现场屏幕上的二维码');
  if (expectedTaskId && parsed.taskId !== expectedTaskId) fail('CODE_OTHER_TASK', '这是其他任务的签到码，请扫描本任务现场的二维码');
  const task = await getRecord(ctx, 'tasks', parsed.taskId);
  const secret = task && (await secretOf(ctx, task, false));
  if (!task || !secret) fail('CODE_INVALID', '这不是有效的签到码，请扫描现场屏幕上的二维码');
  const verdict = verifyCode(parsed, ctx.now, macWith(secret));
  if (verdict === 'expired') fail('CODE_EXPIRED', '签到码已过期，请扫描现场屏幕上最新的二维码');
  if (verdict !== 'ok') fail('CODE_INVALID', '签到码无效，请扫描现场屏幕上的二维码');
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
 * Sign-in in 2 round trips: the task (with the code's secret), then ONE conditional write
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
  const write = () => updateWhere(ctx, 'signups', { _id: id, status: 'signed', signInAt: null }, { signInAt: ctx.now, signInLocation: input.location ?? null, updatedAt: ctx.now });
  if ((await write()) !== 1) {
    const s = await getRecord(ctx, 'signups', id);
    const entry = t.roster?.[ctx.openid];
    const member = entry?.status === 'signed' && !followsRoster(s, entry) ? await loadMember(ctx, ctx.openid) : null;
    if (!entry || !member) whyNot(s, 'in');
    // a signup that died between its two writes: write its document from the roster, then sign in
    await repairSignup(ctx, t, entry, s, member);
    if ((await write()) !== 1) whyNot(await getRecord(ctx, 'signups', id), 'in');
  }
  return { taskId: t._id, title: t.title, signInAt: ctx.now.toISOString() };
}

/**
 * Sign-out in 3 round trips: the task (with the code's secret) and the signup (its sign-in time
 * gives the minutes shown) read together, then one conditional write. (The SDK has no update-and-return that
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

/**
 * The signups of the roster, with a document written for any roster entry that has none (a signup
 * that died between its two writes), so the admin sees and confirms everyone who holds a place.
 */
async function repaired(ctx: Ctx, t: TaskDoc, list: SignupDoc[]): Promise<SignupDoc[]> {
  const roster = t.roster;
  if (!roster) return list;
  const byOpenid = new Map(list.map((s) => [s.openid, s]));
  const broken = Object.entries(roster).filter(([openid, e]) => !followsRoster(byOpenid.get(openid) ?? null, e));
  if (broken.length === 0) return list;
  const members = await getMany<MemberDoc>(ctx, 'members', broken.map(([openid]) => openid));
  for (const [openid, e] of broken) {
    const fixed = await repairSignup(ctx, t, e, byOpenid.get(openid) ?? null, members.get(openid) ?? { _id: openid });
    byOpenid.set(openid, fixed);
  }
  return [...byOpenid.values()].filter((s) => s.status === 'signed' || s.status === 'waitlisted').sort((a, b) => a.seq - b.seq);
}

export async function attendance(input: ParsedInputOf<C, 'attendance'>, ctx: Ctx) {
  const t = await loadTask(ctx, input.taskId);
  await requireTaskAdmin(ctx, t);
  const list = await repaired(ctx, t, await taskSignups(ctx, t._id));
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
  // recorded by hand: its credit waits for a second admin's 复核 before it enters 公示
  const s = await ensureSigned(ctx, t, member, { signInAt, signOutAt, byAdmin: true, manualBy: ctx.openid });
  await audit(ctx, { action: 'task.recordAttendance', subjectId: t._id, targetOpenid: input.openid, reason: input.reason, detail: { signInAt, signOutAt } });
  return { row: rowOf(t, normSignup(s), s.status === 'waitlisted' ? await waitPosition(ctx, (await loadTask(ctx, t._id)), s.seq) : null) };
}
