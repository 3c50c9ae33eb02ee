/** Canned cloud answers shared by several weapp test files (each answer is still checked by the output contracts in harness.ts). */

export const iso = (s: string) => new Date(s).toISOString();

/** one 我的承诺 item as pledge.mine answers it: in progress, 4 of 6 tasks; `over` changes any field */
export const pledge = (over: Record<string, unknown>) => ({
  id: 'p1', year: 2026, communityId: 'c1', communityName: '东湖社区', type: 'deed', title: '参加小区环境整治 6 次',
  target: { kind: 'tasks', count: 6, category: 'environment' }, targetText: '参加 6 次环境整治', deadline: iso('2026-12-31T15:59:59Z'),
  link: null, status: 'approved', phase: 'in_progress', progress: { done: 4, goal: 6, percent: 66 }, returnReason: null, review: null,
  evidence: [], selfEval: null, ratings: { good: 0, fair: 0, poor: 0 }, createdAt: iso('2026-02-01T02:00:00Z'), ...over,
});
