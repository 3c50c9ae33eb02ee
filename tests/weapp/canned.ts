/** Canned cloud answers shared by several weapp test files (each answer is still checked by the output contracts in harness.ts). */

export const iso = (s: string) => new Date(s).toISOString();

/** one 我的承诺 item as pledge.mine answers it: in progress, 4 of 6 tasks; `over` changes any field */
export const pledge = (over: Record<string, unknown>) => ({
  id: 'p1', year: 2026, communityId: 'c1', communityName: '东湖社区', type: 'deed', title: '参加小区环境整治 6 次',
  target: { kind: 'tasks', count: 6, category: 'environment' }, targetText: '参加 6 次环境整治', deadline: iso('2026-12-31T15:59:59Z'),
  link: null, status: 'approved', phase: 'in_progress', progress: { done: 4, goal: 6, percent: 66 }, returnReason: null, review: null,
  evidence: [], selfEval: null, ratings: { good: 0, fair: 0, poor: 0 }, createdAt: iso('2026-02-01T02:00:00Z'), ...over,
});

/** a published task of 东湖社区 as task.getTask answers it to its admin (starts 2099-12-01 09:00 China time); `over` changes any field */
export const publishedTask = (over: Record<string, unknown> = {}) => ({
  id: 't1', communityId: 'comm-1', communityName: '东湖社区', title: '楼道杂物清理行动', category: 'environment',
  startAt: '2099-12-01T01:00:00.000Z', endAt: '2099-12-01T03:00:00.000Z', placeName: '3 栋楼道', slots: 4, signed: 0, waitlisted: 0,
  status: 'published', phase: 'published', audience: 'community', mine: null, description: '清理楼道杂物', place: { name: '3 栋楼道', lat: 30.6, lng: 104.1, radius: null },
  signupDeadline: '2099-12-01T00:00:00.000Z', ruleId: null, skills: [], source: null, cancelReason: null,
  can: { signup: false, cancelSignup: false, signIn: false, signOut: false, manage: true }, signInOpensAt: '2099-12-01T00:30:00.000Z', subscribeTemplateId: null,
  ...over,
});
