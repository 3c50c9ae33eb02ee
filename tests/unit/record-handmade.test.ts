/** 记实档案 marks hand-made credits (手工录入): awaiting 复核 they add nothing; approved they are marked. */
import { assembleTimeline, summarize, type RecordEntry } from '../../core/domain/record';

const at = new Date('2026-11-20T02:00:00.000Z');
const entry = (e: Partial<RecordEntry> & Pick<RecordEntry, '_id' | 'cause'>): RecordEntry => ({ amount: 0, pending: 0, effective: 0, sourceId: 't1', reason: null, createdAt: at, reverses: null, ...e });
const signups = [{ taskId: 't1', title: '楼道清理', communityName: '东湖社区', startAt: at, endAt: at, minutes: 120, confirmed: true, noshow: false }];

test('awaiting 复核: marked on the task line and the adjustment line, counting nothing', () => {
  const items = assembleTimeline({ reports: [], signups, entries: [
    entry({ _id: 'attendance:t1:m', cause: 'attendance', review: 'held' }),
    entry({ _id: 'adjust:q:m', cause: 'adjust', sourceId: 'q', reason: '防汛值守', review: 'held' }),
  ] });
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
