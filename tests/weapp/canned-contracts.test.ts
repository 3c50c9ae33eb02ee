/**
 * issue 17: the weapp tests' canned cloud answers are parsed by the output contracts, so a contract
 * change the canned data no longer matches fails the test that uses it (harness.checkAnswer).
 */
import { checkAnswer } from './harness';

const balance = { year: 2026, points: 12, minutes: 90, hours: 1.5, rank: 3, communityId: 'c1', communityName: '东湖社区' };

test('a canned answer that matches the contract passes through unchanged', () => {
  const answer = { ok: true, data: { items: [], total: 0, page: 1, pageSize: 20 } };
  expect(checkAnswer('report', 'pending', answer)).toBe(answer);
});

test('a canned answer that drifted from the contract fails, naming the field', () => {
  expect(() => checkAnswer('report', 'pending', { ok: true, data: { items: [], total: '0', page: 1, pageSize: 20 } })).toThrow(/report\.pending.*total/);
  expect(() => checkAnswer('points', 'balance', { ok: true, data: { ...balance, points: 'twelve' } })).toThrow(/points\.balance/);
});

test('an action the contracts do not know fails; errors are passed on as they are', () => {
  expect(() => checkAnswer('report', 'noSuchAction', { ok: true, data: {} })).toThrow(/no such action/);
  const err = { ok: false, code: 'FORBIDDEN', message: '无权限' };
  expect(checkAnswer('report', 'pending', err)).toBe(err);
});
