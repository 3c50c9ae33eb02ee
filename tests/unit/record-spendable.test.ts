/**
 * The "earn 0" rows once seen in 张伟's 记实档案 came from 可兑换分 ledger entries (functions/redeem/
 * spendable.ts writes cause 'earn' with amount 0 beside every effective credit). The record leaves
 * them out (core/domain/record.ts, f5a11c3); this keeps it that way.
 */
import { assembleTimeline, summarize, type RecordEntry } from '../../core/domain/record';

const at = new Date('2026-11-20T02:00:00.000Z');
const entry = (e: Partial<RecordEntry> & Pick<RecordEntry, '_id' | 'cause'>): RecordEntry => ({ amount: 0, pending: 0, effective: 0, sourceId: 't1', reason: null, createdAt: at, reverses: null, ...e });

test('可兑换分 entries (earn / spend / refund / expire) are not record lines and add nothing', () => {
  const items = assembleTimeline({
    reports: [],
    signups: [{ taskId: 't1', title: '楼道清理', communityName: '东湖社区', startAt: at, endAt: at, minutes: 120, confirmed: true, noshow: false }],
    entries: [
      entry({ _id: 'a1', cause: 'attendance', amount: 4, effective: 4 }),
      entry({ _id: 'e1', cause: 'earn', sourceId: 'a1' }),
      entry({ _id: 's1', cause: 'spend', sourceId: 'r1' }),
      entry({ _id: 'f1', cause: 'refund', sourceId: 'r1' }),
      entry({ _id: 'x1', cause: 'expire', sourceId: '2025' }),
      entry({ _id: 'j1', cause: 'adjust', amount: 2, effective: 2, reason: '补录' }),
    ],
  });
  expect(items.map((i) => i.title)).toEqual(['管理员调整 +2', '楼道清理']);
  expect(items.some((i) => /earn|spend|refund|expire/.test(i.title))).toBe(false);
  expect(summarize(items)).toMatchObject({ tasks: 1, minutes: 120, points: 6 });
});
