import { checkDeadline, phaseOf, progressOf, reminderDue, type PledgeForProgress, type ProgressEvent } from './pledge';
import { claimTimer, donorLabel, mayseeBeneficiary } from './wish';

const t0 = new Date('2026-03-01T02:00:00Z');
const day = (n: number) => new Date(t0.getTime() + n * 86_400_000);
const p = (id: string, over: Partial<PledgeForProgress> = {}): PledgeForProgress => ({
  id, status: 'approved', target: { kind: 'tasks', count: 6, category: 'environment' }, since: t0, deadline: new Date('2026-12-31T15:59:59Z'), createdAt: t0, evidenceCount: 0, ...over,
});
const task = (n: number, category = 'environment', minutes = 60): ProgressEvent => ({ id: `task:t${n}`, kind: 'task', at: day(n), category, minutes });

test('6 confirmed tasks of the category → 100 %; the same attendance never counts twice', () => {
  const events = [1, 2, 3, 4, 5, 6].map((n) => task(n));
  const r = progressOf([p('a'), p('b', { createdAt: day(0.5), since: t0 })], [...events, events[0]]);
  expect(r.get('a')).toMatchObject({ done: 6, goal: 6, percent: 100 });
  expect(r.get('b')).toMatchObject({ done: 0, percent: 0 });
  expect([...r.get('a')!.events, ...r.get('b')!.events]).toHaveLength(6);
});

test('before the pledge, after the deadline, other categories and drafts do not count; hours count minutes', () => {
  const r = progressOf(
    [p('a'), p('h', { target: { kind: 'hours', hours: 2, category: null }, createdAt: day(0.1) }), p('d', { status: 'draft' })],
    [task(-1), task(400), task(2, 'care', 90)],
  );
  expect(r.get('a')!.done).toBe(0);
  expect(r.get('h')).toMatchObject({ done: 1.5, goal: 2, percent: 75 });
  expect(r.get('d')!.done).toBe(0);
});

test('phases, deadlines and reminders', () => {
  const deadline = new Date('2026-12-31T15:59:59Z');
  expect(phaseOf('approved', deadline, 0, t0)).toBe('public');
  expect(phaseOf('approved', deadline, 50, t0)).toBe('in_progress');
  expect(phaseOf('approved', deadline, 100, t0)).toBe('due');
  expect(phaseOf('approved', deadline, 10, new Date('2027-01-01T00:00:00Z'))).toBe('due');
  expect(checkDeadline(new Date('2027-01-02T00:00:00Z'), 2026, t0)).toMatch(/2026/);
  expect(checkDeadline(day(-1), 2026, t0)).toMatch(/晚于现在/);
  expect(checkDeadline(deadline, 2026, t0)).toBeNull();
  const pl = { status: 'approved' as const, year: 2026, deadline, createdAt: t0, percent: 10 };
  expect(reminderDue(pl, [], new Date('2026-06-30T15:00:00Z'))).toBeNull();
  expect(reminderDue(pl, [], new Date('2026-06-30T16:00:00Z'))).toBe('mid');
  expect(reminderDue(pl, ['mid'], new Date('2026-12-01T16:00:00Z'))).toBe('due');
  expect(reminderDue(pl, ['mid', 'due'], new Date('2026-12-20T00:00:00Z'))).toBeNull();
  expect(reminderDue({ ...pl, percent: 100 }, [], new Date('2026-12-20T00:00:00Z'))).toBeNull();
});

test('wish timers and privacy', () => {
  const claim = { status: 'active' as const, lastProgressAt: t0, remindedAt: null };
  expect(claimTimer(claim, day(6.9))).toBeNull();
  expect(claimTimer(claim, day(7))).toBe('remind');
  expect(claimTimer({ ...claim, remindedAt: day(7) }, day(8))).toBeNull();
  expect(claimTimer({ ...claim, remindedAt: day(7) }, day(14))).toBe('release');
  expect(claimTimer({ ...claim, status: 'fulfilled' }, day(30))).toBeNull();
  const mask = (n: string) => `${n[0]}*`;
  expect(donorLabel({ anonymous: true, names: ['张伟'] }, 'public', mask)).toBe('爱心党员（匿名）');
  expect(donorLabel({ anonymous: false, names: ['张伟', '李娜', '王强', '赵敏'] }, 'public', mask)).toBe('张*、李*、王* 等 4 人');
  expect(donorLabel({ anonymous: true, names: ['张伟'] }, 'insider', mask)).toBe('张伟（匿名）');
  expect(mayseeBeneficiary({ openid: 'x', isAdmin: false }, ['a'])).toBe(false);
  expect(mayseeBeneficiary({ openid: 'a', isAdmin: false }, ['a'])).toBe(true);
  expect(mayseeBeneficiary({ openid: 'x', isAdmin: true }, null)).toBe(true);
});
