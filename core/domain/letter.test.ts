import { draftLines, duePeriods, gradeRule, letterNumber, periodOfKey, suggestGrade } from './letter';

const facts = (tasks: number, minutes: number, noshows = 0, reported = true) => ({ reported, summary: { tasks, minutes, points: 0, noshows } });

describe('反馈单 grade rule', () => {
  it('quarter thresholds; a year needs four times as much to be 优秀 or 合格', () => {
    expect(suggestGrade('quarter', facts(3, 480))).toBe('优秀');
    expect(suggestGrade('quarter', facts(3, 480, 1))).toBe('合格');
    expect(suggestGrade('quarter', facts(2, 60))).toBe('合格');
    expect(suggestGrade('quarter', facts(1, 60))).toBe('基本合格');
    expect(suggestGrade('quarter', facts(0, 0))).toBe('不合格');
    expect(suggestGrade('quarter', facts(5, 900, 0, false))).toBe('不合格');
    expect(suggestGrade('year', facts(3, 480))).toBe('基本合格');
    expect(suggestGrade('year', facts(8, 600))).toBe('合格');
    expect(suggestGrade('year', facts(12, 32 * 60))).toBe('优秀');
    expect(gradeRule('year')).toContain('优秀：服务≥12次且≥32小时且无缺席');
  });
  it('lines, numbers and period keys', () => {
    const lines = draftLines({ reported: true, communityName: '东湖社区', reportedSince: '2026-03-01', summary: { tasks: 2, minutes: 150, points: 12, noshows: 0 }, pledges: { made: 2, fulfilled: 1 }, wishes: 1, residentConfirmed: 1, ratingAvg: 4.5, ratingCount: 2 });
    expect(lines.map((l) => l.value)).toEqual(['已报到 东湖社区（2026-03-01 起）', '2 次，累计 2.5 小时', '0 次', '承诺 2 项，已践诺 1 项', '认领并完成 1 个', '1 次服务经居民确认；评价 2 条，平均 4.5 分', '12 分']);
    expect(letterNumber('FK', 'comm-1', 2026, 7)).toBe('FK-COMM1-2026-000007');
    expect(periodOfKey('2026Q3')).toMatchObject({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(periodOfKey('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(periodOfKey('2026Q5')).toBeNull();
  });
});

describe('letter timer periods', () => {
  it('drafts the quarter just ended in the first days of a quarter, and the year in January', () => {
    expect(duePeriods('2027-01-01')).toEqual(['2026Q4', '2026']);
    expect(duePeriods('2027-01-07')).toEqual(['2026Q4', '2026']);
    expect(duePeriods('2027-01-08')).toEqual([]);
    expect(duePeriods('2026-04-03')).toEqual(['2026Q1']);
    expect(duePeriods('2026-07-01')).toEqual(['2026Q2']);
    expect(duePeriods('2026-10-05')).toEqual(['2026Q3']);
    expect(duePeriods('2026-11-30')).toEqual([]);
  });
});
