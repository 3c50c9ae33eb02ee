/**
 * Enumerations and their Chinese labels without zod, so pages in the weapp main package can show
 * them without pulling zod and every contract in (the contracts build their `z.enum`s from these
 * lists and re-export the labels). Types only from the contracts: `import type`.
 */
export const MEMBER_CATEGORIES = ['in_service', 'floating', 'other'] as const;
export type MemberCategory = (typeof MEMBER_CATEGORIES)[number];
export const memberCategoryLabel: Record<MemberCategory, string> = { in_service: '在职党员', floating: '流动党员', other: '其他' };

export const UNIT_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const unitStatusLabel: Record<UnitStatus, string> = { pending: '待单位确认', verified: '已确认', rejected: '单位未通过' };

export const REPORT_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const reportStatusLabel: Record<ReportStatus, string> = { pending: '待审核', approved: '已报到', rejected: '未通过', withdrawn: '已撤回', closed: '已迁出' };

export const ADMIN_ROLES = ['super', 'district', 'street', 'community', 'unit'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const adminRoleLabel: Record<AdminRole, string> = { super: '超级管理员', district: '区级管理员', street: '街道管理员', community: '社区管理员', unit: '单位管理员' };

export const TASK_CATEGORIES = ['environment', 'civility', 'care', 'policy', 'patrol', 'service', 'other'] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];
export const taskCategoryLabel: Record<TaskCategory, string> = {
  environment: '环境整治',
  civility: '文明引导',
  care: '关爱帮扶',
  policy: '政策宣传',
  patrol: '治安巡逻',
  service: '便民服务',
  other: '其他',
};

export const TASK_PHASES = ['draft', 'published', 'in_progress', 'ended', 'finished', 'cancelled'] as const;
export type TaskPhase = (typeof TASK_PHASES)[number];
export const taskPhaseLabel: Record<TaskPhase, string> = {
  draft: '草稿',
  published: '报名中',
  in_progress: '进行中',
  ended: '待确认',
  finished: '已结束',
  cancelled: '已取消',
};

/** Who may sign up: members reported to this community, or any member. */
export const TASK_AUDIENCES = ['community', 'anyone'] as const;
export type TaskAudience = (typeof TASK_AUDIENCES)[number];
export const taskAudienceLabel: Record<TaskAudience, string> = { community: '本社区报到党员', anyone: '所有党员' };

export const SIGNUP_STATUSES = ['signed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const signupStatusLabel: Record<SignupStatus, string> = { signed: '已报名', waitlisted: '候补中', cancelled: '已取消' };
