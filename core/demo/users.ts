/**
 * The demo identities of the local stack, as data, shared by the seed (scripts/seed) and the h5
 * identity switcher (src/dev) — it lives in core so neither imports the other. The switcher imports this,
 * so it must stay free of Node imports. The seed (scripts/seed/people.ts) writes exactly these.
 */
export type DemoRole = 'super' | 'street' | 'community' | 'unit' | 'member' | 'newcomer';

export interface DemoUser {
  openid: string;
  role: DemoRole;
  /** shown in the switcher */
  label: string;
  /** what to try as this user */
  hint: string;
}

/** The people worth switching to; `demo-member-2..60` are ordinary members filling the lists. */
export const demoUsers: DemoUser[] = [
  { openid: 'demo-super', role: 'super', label: '超级管理员 刘建国（锦华区）', hint: '查看全区报到率与排行，任命街道/社区/单位管理员' },
  { openid: 'demo-street-1', role: 'street', label: '街道管理员 陈敏（东湖街道）', hint: '查看东湖街道各社区、各单位的报到率与活跃度' },
  { openid: 'demo-community-1', role: 'community', label: '社区管理员 王芳（东湖社区）', hint: '审核待审报到、发布志愿服务任务、现场出示签到码' },
  { openid: 'demo-unit-1', role: 'unit', label: '单位管理员 赵强（锦华区税务局）', hint: '查看本单位党员报到情况，确认加入单位的党员，提醒未报到的党员' },
  { openid: 'demo-member-1', role: 'member', label: '在职党员 张伟（东湖社区）', hint: '已报到东湖社区：报名任务、签到签退、查看积分与排名' },
  { openid: 'demo-newcomer', role: 'newcomer', label: '新用户（未填写信息）', hint: '从头体验：同意隐私指引 → 完善信息 → 扫码报到' },
];

export const DEFAULT_DEMO_OPENID = 'demo-member-1';

export function demoUser(openid: string): DemoUser | undefined {
  return demoUsers.find((u) => u.openid === openid);
}
