import { z } from 'zod';
import { ADMIN_ROLES, MEMBER_CATEGORIES, REPORT_STATUSES, UNIT_STATUSES } from './labels';

export { adminRoleLabel, memberCategoryLabel, reportStatusLabel, unitStatusLabel } from './labels';
import { action, empty, pageInput, pageOf, type FunctionContract } from './envelope';

/**
 * Contract of the `member` cloud function: the caller's own identity, profile, unit membership,
 * privacy consent and in-app inbox. Everything here acts on the caller (OPENID from the cloud
 * context); nothing takes an openid from the client.
 */

/** 在职 / 流动 / 其他 — others may report too. */
export const memberCategory = z.enum(MEMBER_CATEGORIES);
export type MemberCategory = z.infer<typeof memberCategory>;

/** Unit membership: the unit admin confirms it, so unit views hold only verified members. */
export const unitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof unitStatus>;

/** Member → community report. `closed` = ended by a move to another community (history kept). */
export const reportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatus>;

export const adminRole = z.enum(ADMIN_ROLES);
export type AdminRole = z.infer<typeof adminRole>;

/** Mainland mobile number, 11 digits starting with 13–19 (a wrong length and a wrong prefix say different things). */
export const phoneInput = z.string().trim().regex(/^\d{11}$/, '请输入 11 位手机号').regex(/^(?!\d{11}$)|^1[3-9]\d{9}$/, '手机号格式不正确，应为 13–19 开头的手机号');

const HAN = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
/**
 * A person's name as shown to admins and in rankings: trimmed, 1–20 characters, Chinese characters,
 * letters, the 间隔号 and inner spaces only (no emoji, no markup).
 */
export const personName = z.string().trim().min(1).max(20)
  .regex(new RegExp(`^[${HAN}A-Za-z][${HAN}A-Za-z·•．. ]*$`), '只能包含汉字、字母和间隔号');
/** A short organisational label (党支部): Chinese characters, letters, digits, spaces, brackets, 、·-. */
export const plainLabel = (max: number) => z.string().trim().max(max)
  .regex(new RegExp(`^[${HAN}A-Za-z0-9 ()（）·、—\\-]*$`), '只能包含汉字、字母、数字和括号');
/** ISO-8601 timestamp on the wire (functions convert stored Dates). */
export const isoDate = z.string();

/** The caller's own profile (full phone: it is theirs). */
export const profileView = z.object({
  name: z.string(),
  phone: z.string(),
  branch: z.string(),
  building: z.string(),
  room: z.string(),
  category: memberCategory,
  updatedAt: isoDate.nullable(),
});
export type ProfileView = z.infer<typeof profileView>;

export const grantView = z.object({ role: adminRole, scopeId: z.string(), scopeName: z.string() });
export type GrantView = z.infer<typeof grantView>;

/** The member's current report: the approved one if any, else the pending one, else the newest rejected/withdrawn (so its reason shows); never a closed one. */
export const currentReport = z.object({
  id: z.string(),
  status: reportStatus,
  communityId: z.string(),
  communityName: z.string(),
  reason: z.string().nullable(),
  createdAt: isoDate,
});
export type CurrentReport = z.infer<typeof currentReport>;

export const unitMembership = z.object({ id: z.string(), name: z.string(), status: unitStatus });
export type UnitMembership = z.infer<typeof unitMembership>;

export const whoamiOutput = z.object({
  /** masked for display, e.g. `oAbc…9xYz` */
  openid: z.string(),
  /** the caller's own full id, shown in 我的 to copy (an admin appoints by it); it is theirs */
  id: z.string().optional(),
  profile: profileView.nullable(),
  /** admin roles with the name of their scope (community / unit / street …) */
  grants: z.array(grantView),
  report: currentReport.nullable(),
  unit: unitMembership.nullable(),
  privacyAccepted: z.boolean(),
  unreadInbox: z.number().int(),
});
export type Whoami = z.infer<typeof whoamiOutput>;

export const saveProfileInput = z.object({
  name: personName.describe('姓名'),
  phone: phoneInput.describe('手机号'),
  branch: plainLabel(40).default('').describe('所在党支部'),
  building: z.string().trim().min(1).max(30).describe('楼栋'),
  room: z.string().trim().min(1).max(20).describe('房号'),
  category: memberCategory.default('in_service').describe('党员类别'),
});
export type SaveProfileInput = z.input<typeof saveProfileInput>;

export const inboxKind = z.enum(['report', 'unit', 'unitReport', 'reminder', 'task', 'points', 'system', 'digest', 'notice', 'pledge', 'wish', 'letter', 'publicity']);
export type InboxKind = z.infer<typeof inboxKind>;
/** What each kind of message is, in 消息设置 (the kinds a member can mute). */
export const noticeKindLabel: Partial<Record<InboxKind, { title: string; note: string }>> = {
  task: { title: '任务通知', note: '报名的任务开始前提醒、任务变更或取消' },
  report: { title: '报到结果', note: '社区审核您的报到申请后' },
  reminder: { title: '报到提醒', note: '单位提醒您到居住社区报到' },
  unit: { title: '单位通知', note: '单位确认您的身份' },
  notice: { title: '社区通知', note: '社区管理员群发的通知' },
  digest: { title: '每日待办汇总', note: '管理员每天 9:00 收到待处理事项' },
  points: { title: '积分变动', note: '积分入账、调整' },
  pledge: { title: '承诺践诺', note: '承诺审核结果、年中和到期前提醒、评诺结果' },
  wish: { title: '微心愿', note: '认领的心愿有进展、7 天提醒、自动释放、确认' },
  letter: { title: '反馈函', note: '季度反馈函已生成' },
  publicity: { title: '积分公示', note: '公示开始和结束' },
};
export const inboxItem = z.object({
  id: z.string(),
  // a kind this client does not know yet shows as a system message instead of failing the list
  kind: inboxKind.catch('system'),
  title: z.string(),
  body: z.string(),
  /** in-app route to open, e.g. `/pages/report/index` */
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: isoDate,
});
export type InboxItem = z.infer<typeof inboxItem>;

export const memberContract = {
  /** Who am I: profile, admin roles, current report, unit membership. Works before any profile exists. */
  whoami: action(empty, whoamiOutput),
  getProfile: action(empty, z.object({ profile: profileView.nullable() })),
  /** Create or update the caller's profile. Requires privacy consent first (PRIVACY_REQUIRED). */
  saveProfile: action(saveProfileInput, z.object({ profile: profileView })),
  /** Accept the privacy notice (version so a changed notice can be asked again). */
  consentPrivacy: action(z.object({ version: z.string().min(1).max(20).default('1') }), z.object({ privacyAccepted: z.literal(true) })),
  /** Join a unit with its invite code; status becomes `pending` until the unit admin confirms. */
  joinUnit: action(
    z.object({ inviteCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6}$/, '邀请码为 6 位字母或数字').describe('邀请码') }),
    z.object({ unit: unitMembership }),
  ),
  /** Leave the unit (e.g. changed jobs). */
  leaveUnit: action(empty, z.object({ unit: z.null() })),
  inbox: action(pageInput.extend({ unreadOnly: z.boolean().default(false) }), pageOf(inboxItem).extend({ unread: z.number().int() })),
  /** Mark some (ids) or all (no ids) of the caller's messages read. */
  readInbox: action(z.object({ ids: z.array(z.string().min(1)).max(50).optional() }), z.object({ updated: z.number().int(), unread: z.number().int() })),
  /** Subscribe-message templates configured for this deployment (null: not configured), to ask consent for. */
  subscribeTemplates: action(empty, z.object({
    reportResult: z.string().nullable(),
    reportReminder: z.string().nullable(),
    /** template ids to ask at each natural tap (≤ 3 each: every client shows them all) */
    flows: z.object({
      signup: z.array(z.string()).max(3), claim: z.array(z.string()).max(3), report: z.array(z.string()).max(3), pledge: z.array(z.string()).max(3),
    }),
  })),
  /** Record the result of `requestSubscribeMessage`: each accepted template gives one message. */
  recordSubscribe: action(z.object({ accepted: z.array(z.string().min(1).max(64)).max(5) }), z.object({ recorded: z.number().int() })),
  /** 消息设置: kinds whose subscribe messages the caller has turned off (the inbox still gets them). */
  noticePrefs: action(empty, z.object({ muted: z.array(inboxKind) })),
  setNoticePrefs: action(z.object({ muted: z.array(inboxKind).max(20).describe('关闭推送的消息') }), z.object({ muted: z.array(inboxKind) })),
} satisfies FunctionContract;
