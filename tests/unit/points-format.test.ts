import { describeRule, entryNote, fmtHours, fmtPoints, newRequestId } from '../../src/features/points/format';
import { DEFAULT_RULE } from '../../core/domain/scoring';

const base = { id: 'e', year: 2026, amount: 5, minutes: 0, cause: 'attendance' as const, title: '', reason: null, sourceId: 's', reverses: null, reversed: false, ruleId: null, ruleVersion: null, at: '', createdAt: '' };

test('points and hours read naturally', () => {
  expect(fmtPoints(5)).toBe('+5');
  expect(fmtPoints(-3)).toBe('-3');
  expect(fmtPoints(0)).toBe('0');
  expect(fmtHours(2)).toBe('2');
  expect(fmtHours(2.5)).toBe('2.5');
});

test('history notes: hours served, rule version, reversed', () => {
  expect(entryNote({ ...base, minutes: 90, ruleVersion: 2 })).toBe('服务 1.5 小时 · 规则第 2 版');
  expect(entryNote({ ...base, minutes: -60, cause: 'reversal' })).toBe('扣回 1 小时');
  expect(entryNote({ ...base, reversed: true })).toBe('已冲正');
  expect(entryNote(base)).toBe('');
});

test('rules in one line and request ids fit the contract', () => {
  expect(describeRule({ ...DEFAULT_RULE })).toBe('报到 +10 · 服务每次 +5、每小时 +2 · 践诺 +5（部分 +2）· 微心愿 +5 · 未到 -5 · 每日最多 30、每年最多 1000 · 新积分公示 5 个工作日后生效 · 手工录入与超过 20 分的调整须另一名管理员复核');
  for (let i = 0; i < 50; i++) expect(newRequestId()).toMatch(/^[A-Za-z0-9_-]{6,40}$/);
});
