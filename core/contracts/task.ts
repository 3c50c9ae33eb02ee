import { z } from 'zod';
import { SIGNUP_STATUSES, TASK_AUDIENCES, TASK_CATEGORIES, TASK_PHASES } from './labels';

export { signupStatusLabel, taskAudienceLabel, taskCategoryLabel, taskPhaseLabel } from './labels';
import { action, pageInput, requestIdInput, pageOf, type FunctionContract } from './envelope';

/**
 * Contract of the `task` cloud function: the three lists (needs / resources / projects), volunteer
 * tasks, signups with a waitlist, on-site sign-in/out with a rotating code, attendance and hours.
 *
 * Task status. Stored: `draft` → `published` → `finished` (set by confirmAttendance), or `cancelled`.
 * Shown (`phase`): a published task is `published` before its start, `in_progress` between start and
 * end, `ended` after its end until the admin confirms attendance; then `finished`. Time-derived phases
 * are never stored, so no timer is needed and they cannot go stale.
 */

export const taskCategory = z.enum(TASK_CATEGORIES);
export type TaskCategory = z.infer<typeof taskCategory>;

export const taskStatus = z.enum(['draft', 'published', 'finished', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatus>;
export const taskPhase = z.enum(TASK_PHASES);
export type TaskPhase = z.infer<typeof taskPhase>;

/** Who may sign up: members reported to this community, or any member. */
export const taskAudience = z.enum(TASK_AUDIENCES);
export type TaskAudience = z.infer<typeof taskAudience>;

export const signupStatus = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.infer<typeof signupStatus>;

export const isoDate = z.string();
/** Accepts an ISO string on the wire; functions turn it into a Date. */
const dateInput = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), '时间格式不正确');

export const placeSchema = z.object({
  name: z.string().trim().min(1).max(60).describe('地点'),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** metres; null = no geofence check */
  radius: z.number().int().min(50).max(5000).nullable().default(null),
});
export type TaskPlace = z.infer<typeof placeSchema>;

export const locationInput = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

const idInput = z.string().trim().min(1).max(80);
const communityInput = z.object({ communityId: idInput.describe('社区') });

// ---------- three lists ----------

export const needStatus = z.enum(['open', 'matched', 'closed']);
export const needStatusLabel: Record<z.infer<typeof needStatus>, string> = { open: '待认领', matched: '已对接', closed: '已关闭' };
export const needView = z.object({
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  description: z.string(),
  category: taskCategory,
  status: needStatus,
  createdAt: isoDate,
});
export type NeedView = z.infer<typeof needView>;
export const saveNeedInput = z.object({
  id: idInput.optional(),
  /** creating only: one per form, so a double tap or retry creates one need */
  requestId: requestIdInput.optional(),
  communityId: idInput.describe('社区'),
  title: z.string().trim().min(1).max(40).describe('需求名称'),
  description: z.string().trim().max(500).default('').describe('需求说明'),
  category: taskCategory.default('other').describe('类别'),
  status: needStatus.default('open').describe('状态'),
});

export const resourceView = z.object({
  unitReportId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  text: z.string(),
});
export type ResourceView = z.infer<typeof resourceView>;

export const projectStatus = z.enum(['planned', 'active', 'done']);
export const projectStatusLabel: Record<z.infer<typeof projectStatus>, string> = { planned: '筹备中', active: '实施中', done: '已完成' };
export const projectView = z.object({
  id: z.string(),
  communityId: z.string(),
  title: z.string(),
  description: z.string(),
  needId: z.string().nullable(),
  needTitle: z.string().nullable(),
  resource: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  status: projectStatus,
  createdAt: isoDate,
});
export type ProjectView = z.infer<typeof projectView>;
export const saveProjectInput = z.object({
  id: idInput.optional(),
  /** creating only: one per form, so a double tap or retry creates one project */
  requestId: requestIdInput.optional(),
  communityId: idInput.describe('社区'),
  title: z.string().trim().min(1).max(40).describe('项目名称'),
  description: z.string().trim().max(500).default('').describe('项目说明'),
  needId: idInput.nullable().default(null).describe('对应需求'),
  resource: z.string().trim().max(200).default('').describe('对接资源'),
  unitId: idInput.nullable().default(null).describe('责任单位'),
  status: projectStatus.default('planned').describe('状态'),
});

// ---------- tasks ----------

export const taskSource = z.object({ kind: z.enum(['need', 'project']), id: idInput });

export const taskFields = z.object({
  title: z.string().trim().min(1).max(40).describe('任务名称'),
  description: z.string().trim().max(1000).default('').describe('任务说明'),
  category: taskCategory.describe('类别'),
  startAt: dateInput.describe('开始时间'),
  endAt: dateInput.describe('结束时间'),
  place: placeSchema.describe('地点'),
  slots: z.number().int().min(1).max(500).describe('招募人数'),
  signupDeadline: dateInput.describe('报名截止'),
  /** points rule (ledger `rules` id); null = the community's default rule */
  ruleId: z.string().max(80).nullable().default(null).describe('积分规则'),
  skills: z.array(z.string().trim().min(1).max(20)).max(10).default([]).describe('所需技能'),
  audience: taskAudience.default('community').describe('报名范围'),
  source: taskSource.nullable().default(null).describe('来源'),
});
export const saveTaskInput = taskFields.extend({
  /** absent = create a draft */
  id: idInput.optional(),
  /** creating only: one per form, so a double tap or retry creates one task */
  requestId: requestIdInput.optional(),
  communityId: idInput.describe('社区'),
});
export type SaveTaskInput = z.input<typeof saveTaskInput>;

export const signupBrief = z.object({
  status: signupStatus,
  signInAt: isoDate.nullable(),
  signOutAt: isoDate.nullable(),
  minutes: z.number().int().nullable(),
  /** place in the waitlist (1-based); filled by getTask only */
  position: z.number().int().nullable().default(null),
});

export const taskSummary = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  title: z.string(),
  category: taskCategory,
  startAt: isoDate,
  endAt: isoDate,
  placeName: z.string(),
  slots: z.number().int(),
  signed: z.number().int(),
  waitlisted: z.number().int(),
  status: taskStatus,
  phase: taskPhase,
  audience: taskAudience,
  /** the caller's own signup, if any */
  mine: signupBrief.nullable(),
});
export type TaskSummary = z.infer<typeof taskSummary>;

export const taskDetail = taskSummary.extend({
  description: z.string(),
  place: placeSchema,
  signupDeadline: isoDate,
  ruleId: z.string().nullable(),
  skills: z.array(z.string()),
  source: taskSource.nullable(),
  cancelReason: z.string().nullable(),
  /** what the caller may do now, with the reason when not (for a disabled button) */
  can: z.object({
    signup: z.boolean(),
    cancelSignup: z.boolean(),
    signIn: z.boolean(),
    signOut: z.boolean(),
    manage: z.boolean(),
  }),
  signInOpensAt: isoDate,
  /** subscribe-message template to ask consent for at signup (task changed / cancelled); null = none configured */
  subscribeTemplateId: z.string().nullable(),
});
export type TaskDetail = z.infer<typeof taskDetail>;

export const listTasksInput = pageInput.extend({
  /** community = my community; nearby = tasks open to anyone in my street's other communities */
  scope: z.enum(['community', 'nearby']).default('community'),
  category: taskCategory.optional(),
  /** YYYY-MM-DD (China time): tasks happening that day; absent = not yet ended */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD').optional(),
});

export const signupResult = z.object({
  status: signupStatus,
  /** waitlist position (1-based) when waitlisted */
  position: z.number().int().nullable(),
  /** the caller already has a task at an overlapping time: the UI shows a warning */
  overlap: z.boolean(),
  overlapTitles: z.array(z.string()),
});

export const signinCodeOutput = z.object({
  code: z.string(),
  /** PNG QR code of `code` as a data URL */
  dataUrl: z.string(),
  /** when the screen should fetch the next code (the code is still accepted one step longer) */
  refreshAt: isoDate,
  stepSeconds: z.number().int(),
});

export const attendanceRow = z.object({
  openid: z.string(),
  name: z.string(),
  phone: z.string(),
  status: signupStatus,
  position: z.number().int().nullable(),
  signInAt: isoDate.nullable(),
  signOutAt: isoDate.nullable(),
  /** minutes from the current sign-in/out (before the daily cap); confirmed minutes after confirm */
  minutes: z.number().int().nullable(),
  missingSignOut: z.boolean(),
  byAdmin: z.boolean(),
  /** attendance recorded by hand (补录): its points wait for a second admin's 复核 */
  manual: z.boolean().default(false),
  confirmed: z.boolean(),
});
export type AttendanceRow = z.infer<typeof attendanceRow>;

export const historyItem = z.object({
  taskId: z.string(),
  title: z.string(),
  communityName: z.string(),
  category: taskCategory,
  startAt: isoDate,
  endAt: isoDate,
  signInAt: isoDate.nullable(),
  signOutAt: isoDate.nullable(),
  minutes: z.number().int(),
  noshow: z.boolean(),
});
export type HistoryItem = z.infer<typeof historyItem>;

export const memberCandidate = z.object({ openid: z.string(), name: z.string(), phone: z.string() });

export const taskContract = {
  // three lists
  listNeeds: action(communityInput.merge(pageInput).extend({ status: needStatus.optional() }), pageOf(needView)),
  saveNeed: action(saveNeedInput, z.object({ need: needView })),
  listResources: action(communityInput, z.object({ items: z.array(resourceView) })),
  listProjects: action(communityInput.merge(pageInput), pageOf(projectView)),
  saveProject: action(saveProjectInput, z.object({ project: projectView })),

  // tasks (admin)
  listAdminTasks: action(communityInput.merge(pageInput).extend({ status: taskStatus.optional() }), pageOf(taskSummary)),
  /** Create a draft (no id) or edit. Editing a published task tells its signed-up members. */
  saveTask: action(saveTaskInput, z.object({ task: taskDetail, notified: z.number().int() })),
  publish: action(z.object({ id: idInput }), z.object({ task: taskDetail })),
  cancel: action(z.object({ id: idInput, reason: z.string().trim().min(1).max(100).describe('取消原因') }), z.object({ task: taskDetail, notified: z.number().int() })),
  /** Admin adds a member by hand (ignores capacity and deadline; kept in auditLog). */
  addMember: action(z.object({ taskId: idInput, openid: idInput, reason: z.string().trim().min(1).max(100).describe('原因') }), z.object({ status: signupStatus })),
  candidates: action(z.object({ taskId: idInput, keyword: z.string().trim().max(20).default('') }), z.object({ items: z.array(memberCandidate) })),
  /** The rotating on-site code (admin screen). */
  signinCode: action(z.object({ taskId: idInput }), signinCodeOutput),
  attendance: action(z.object({ taskId: idInput }), z.object({ task: taskDetail, rows: z.array(attendanceRow), missingSignOut: z.number().int() })),
  /** Admin records attendance for a member without a phone; the reason goes to auditLog. */
  recordAttendance: action(
    z.object({ taskId: idInput, openid: idInput, signInAt: dateInput.describe('签到时间'), signOutAt: dateInput.describe('签退时间'), reason: z.string().trim().min(1).max(100).describe('原因') }),
    z.object({ row: attendanceRow }),
  ),
  /** After the end: record hours (capped per day) and credit points once per member and task. */
  confirmAttendance: action(
    z.object({ taskId: idInput, acceptMissingSignOut: z.boolean().default(false) }),
    z.object({ attended: z.number().int(), noshow: z.number().int(), totalMinutes: z.number().int(), alreadyConfirmed: z.boolean() }),
  ),

  // member
  listTasks: action(listTasksInput, pageOf(taskSummary)),
  getTask: action(z.object({ id: idInput }), z.object({ task: taskDetail })),
  signup: action(z.object({ taskId: idInput, requestId: requestIdInput.optional() }), signupResult),
  cancelSignup: action(z.object({ taskId: idInput }), z.object({ status: z.literal('cancelled'), promoted: z.number().int() })),
  signIn: action(z.object({ code: z.string().trim().min(1).max(200).describe('签到码'), taskId: idInput.optional(), location: locationInput.optional() }), z.object({ taskId: z.string(), title: z.string(), signInAt: isoDate })),
  signOut: action(
    z.object({ code: z.string().trim().min(1).max(200).describe('签退码'), taskId: idInput.optional(), location: locationInput.optional() }),
    z.object({ taskId: z.string(), title: z.string(), signOutAt: isoDate, minutes: z.number().int() }),
  ),
  myTasks: action(pageInput, pageOf(taskSummary)),
  history: action(pageInput, pageOf(historyItem).extend({ totalMinutes: z.number().int() })),
} satisfies FunctionContract;
