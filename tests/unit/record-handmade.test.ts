/** 记实档案 marks hand-made credits (手工录入): awaiting 复核 they add nothing; approved they are marked. */
import { assembleTimeline, summarize, type RecordEntry } from '../../core/domain/record';

const at = new Date('2026-11-20T02:00:00.000Z');
const entry = (e: Partial<RecordEntry> & Pick<RecordEntry, '_id' | 'cause'>): RecordEntry => ({ amount: 0, pending: 0, effective: 0, sourceId: 't1', reason: null, createdAt: at, reverses: null, ...e });
const signups = [{ taskId: 't1', title: '楼道清理', communityName: '东湖社区', startAt: at, endAt: at, minutes: 120, confirmed: true, noshow: false }];

test('awaiting 复核: marked on the task line and the adjustment line, counting nothing', () => {
  const items = assembleTimeline({ reports: [], signups, entries: [
    entry({ _id: 'attendance:t1:m', cause: 'attendance', review: 'held' }),
    entry({ _id: 'adjust:q:m', cause: 'adjust', sourceId: 'q', reason: '防汛值守', review: 'held', proposed: 30 }),
  ] });
  // the line shows what was proposed (+30), not the 0 it counts while it waits
  expect(items.find((i) => i.id === 'points:adjust:q:m')).toMatchObject({ title: '管理员调整 +30', points: 0 });
  expect(items.find((i) => i.id === 'task:t1')!.detail).toContain('手工录入 · 待复核');
  expect(items.find((i) => i.id === 'points:adjust:q:m')!.detail).toContain('手工录入 · 待复核，不计分');
  expect(summarize(items).points).toBe(0);
});

test('approved: the credit is marked 已复核 and counts once effective', () => {
  const items = assembleTimeline({ reports: [], signups, entries: [
    entry({ _id: 'attendance:t1:m', cause: 'attendance', review: 'held' }),
    entry({ _id: 'approve:attendance:t1:m', cause: 'attendance', amount: 7, effective: 7, review: 'approved' }),
  ] });
  expect(items.find((i) => i.id === 'task:t1')!).toMatchObject({ points: 7, detail: expect.stringContaining('手工录入 · 已复核') });
});

test('minutes of hand-made attendance awaiting 复核 or rejected count nowhere; approved count', () => {
  const three = [
    ...signups,
    { ...signups[0], taskId: 't2', title: '反诈宣传', minutes: 90 },
    { ...signups[0], taskId: 't3', title: '助老服务', minutes: 45 },
  ];
  const items = assembleTimeline({ reports: [], signups: three, entries: [
    entry({ _id: 'attendance:t1:m', cause: 'attendance', review: 'held' }), // awaiting
    entry({ _id: 'attendance:t2:m', cause: 'attendance', sourceId: 't2', review: 'held' }),
    entry({ _id: 'reject:attendance:t2:m', cause: 'attendance', sourceId: 't2', review: 'rejected' }),
    entry({ _id: 'attendance:t3:m', cause: 'attendance', sourceId: 't3', review: 'held' }),
    entry({ _id: 'approve:attendance:t3:m', cause: 'attendance', sourceId: 't3', amount: 3, effective: 3, review: 'approved' }),
  ] });
  expect(items.find((i) => i.id === 'task:t1')).toMatchObject({ minutes: 0, status: '待复核' });
  expect(items.find((i) => i.id === 'task:t2')).toMatchObject({ minutes: 0, status: '复核驳回', detail: expect.stringContaining('复核驳回') });
  expect(items.find((i) => i.id === 'task:t3')).toMatchObject({ minutes: 45, status: '已确认' });
  expect(summarize(items)).toMatchObject({ tasks: 1, minutes: 45, points: 3 });
});
