import { AppError } from '../../core/contracts/errors';
import { buildCommunityScene, parseScene, reportLink, SCENE_ALPHABET, SCENE_MAX } from '../../core/domain/scene';
import { maskName, maskOpenid, maskPhone, phoneFor } from '../../core/domain/mask';
import { assertProfileComplete, assertTransition, pickCurrent, canRemind, canTransition, chinaDay, coverageRate, formatRate, missingProfileFields, planSubmit, relationTo } from '../../core/domain/report';
import { assertCanDecideUnitReport, assertCanSubmitUnitReport } from '../../core/domain/unit-report';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : 'OTHER';
  }
  return undefined;
};

describe('scene', () => {
  it('builds c=<id> within WeChat limits and parses it back', () => {
    const s = buildCommunityScene('comm-1');
    expect(s).toBe('c=comm-1');
    expect(s.length).toBeLessThanOrEqual(SCENE_MAX);
    expect(SCENE_ALPHABET.test(s)).toBe(true);
    expect(parseScene(s)).toEqual({ kind: 'community', communityId: 'comm-1' });
  });
  it('accepts the URL-encoded form weapp passes in options.scene (also double-encoded)', () => {
    expect(parseScene('c%3Dcomm-2')).toEqual({ kind: 'community', communityId: 'comm-2' });
    expect(parseScene(encodeURIComponent('c%3Dcomm-2'))).toEqual({ kind: 'community', communityId: 'comm-2' });
  });
  it('rejects malformed or foreign scenes', () => {
    for (const bad of ['', 'comm-1', 'c=', 'x=comm-1', 'c=comm 1', 'c=comm-1&x=1', `c=${'a'.repeat(31)}`, 'c=%E4%B8%AD', '%E0%A4%A', 'c=a/b', 42, null, undefined]) {
      expect(parseScene(bad)).toBeNull();
    }
  });
  it('refuses to build a scene from an id that would break the limits', () => {
    expect(() => buildCommunityScene('a'.repeat(31))).toThrow();
    expect(() => buildCommunityScene('社区')).toThrow();
    expect(() => buildCommunityScene('a'.repeat(30))).not.toThrow();
  });
  it('makes an h5 link whose scene query parses back', () => {
    const link = reportLink('comm-3');
    expect(link).toBe('/pages/report/index?scene=c%3Dcomm-3');
    expect(parseScene(new URLSearchParams(link.split('?')[1]).get('scene'))).toEqual({ kind: 'community', communityId: 'comm-3' });
  });
});

describe('mask', () => {
  it('masks phones as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('010-12345678')).toBe('********5678');
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
  });
  it('shows the full phone only to the member or an admin of theirs', () => {
    expect(phoneFor('a', 'a', false, '13812341234')).toBe('13812341234');
    expect(phoneFor('b', 'a', true, '13812341234')).toBe('13812341234');
    expect(phoneFor('b', 'a', false, '13812341234')).toBe('138****1234');
  });
  it('masks openids and names', () => {
    expect(maskOpenid('oAbcdefghij1234')).toBe('oAbc…1234');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
});

describe('report rules', () => {
  const r = (id: string, status: 'pending' | 'approved', communityId: string) => ({ id, status, communityId });
  it('allows only the documented transitions', () => {
    expect(canTransition('pending', 'approved')).toBe(true);
    expect(canTransition('approved', 'closed')).toBe(true);
    expect(canTransition('approved', 'rejected')).toBe(false);
    expect(canTransition('withdrawn', 'approved')).toBe(false);
    expect(codeOf(() => assertTransition('rejected', 'approved'))).toBe('REPORT_STATE');
  });
  it('plans a first report, refuses duplicates, requires confirmation for a move', () => {
    expect(planSubmit({ pending: null, approved: null }, 'c1', false)).toEqual({ moveFrom: null, replacePending: null });
    expect(codeOf(() => planSubmit({ pending: r('p', 'pending', 'c1'), approved: null }, 'c1', true))).toBe('ALREADY_PENDING');
    expect(codeOf(() => planSubmit({ pending: null, approved: r('a', 'approved', 'c1') }, 'c1', true))).toBe('ALREADY_REPORTED');
    expect(codeOf(() => planSubmit({ pending: null, approved: r('a', 'approved', 'c1') }, 'c2', false))).toBe('MOVE_CONFIRM_REQUIRED');
    const a = r('a', 'approved', 'c1');
    expect(planSubmit({ pending: null, approved: a }, 'c2', true)).toEqual({ moveFrom: a, replacePending: null });
    const p = r('p', 'pending', 'c2');
    expect(planSubmit({ pending: p, approved: a }, 'c3', true)).toEqual({ moveFrom: a, replacePending: p });
  });
  it('tells the page whether the community is new, the same or a move', () => {
    expect(relationTo({ pending: null, approved: null }, 'c1')).toBe('none');
    expect(relationTo({ pending: null, approved: r('a', 'approved', 'c1') }, 'c1')).toBe('same');
    expect(relationTo({ pending: r('p', 'pending', 'c2'), approved: r('a', 'approved', 'c1') }, 'c1')).toBe('same');
    expect(relationTo({ pending: r('p', 'pending', 'c2'), approved: null }, 'c1')).toBe('move');
  });
  it('picks the current report: approved over a pending or rejected move, else pending, else newest', () => {
    const x = (id: string, status: any) => ({ id, status });
    expect(pickCurrent([x('b', 'pending'), x('a', 'approved')])?.id).toBe('a');
    expect(pickCurrent([x('b', 'rejected'), x('a', 'approved')])?.id).toBe('a');
    expect(pickCurrent([x('c', 'rejected'), x('b', 'pending')])?.id).toBe('b');
    expect(pickCurrent([x('c', 'withdrawn'), x('b', 'rejected')])?.id).toBe('c');
    expect(pickCurrent([x('a', 'closed')])).toBeNull();
  });
  it('names missing profile fields in Chinese', () => {
    expect(missingProfileFields(null)).toEqual(['姓名', '手机号', '楼栋', '房号']);
    expect(missingProfileFields({ name: '张三', phone: '13800000000', building: ' ', room: '101' })).toEqual(['楼栋']);
    expect(codeOf(() => assertProfileComplete({ name: '张三' }))).toBe('PROFILE_INCOMPLETE');
  });
  it('limits reminders to one per China calendar day', () => {
    const last = new Date('2026-11-22T15:00:00Z'); // 23:00 in China
    expect(chinaDay(last)).toBe('2026-11-22');
    expect(canRemind(last, new Date('2026-11-22T15:59:00Z'))).toBe(false);
    expect(canRemind(last, new Date('2026-11-22T16:00:00Z'))).toBe(true); // 00:00 next day in China
    expect(canRemind(null, new Date())).toBe(true);
  });
  it('computes coverage rates', () => {
    expect(coverageRate(0, 0)).toBeNull();
    expect(coverageRate(3, 4)).toBe(0.75);
    expect(formatRate(coverageRate(1, 3))).toBe('33.3%');
    expect(formatRate(null)).toBe('—');
  });
  it('allows one open unit report at a time, renewal after the agreement ends', () => {
    expect(codeOf(() => assertCanSubmitUnitReport(null, '2026-11-22'))).toBeUndefined();
    expect(codeOf(() => assertCanSubmitUnitReport({ status: 'pending', agreement: { endDate: '2027-01-01' } }, '2026-11-22'))).toBe('ALREADY_PENDING');
    expect(codeOf(() => assertCanSubmitUnitReport({ status: 'approved', agreement: { endDate: '2027-01-01' } }, '2026-11-22'))).toBe('ALREADY_REPORTED');
    expect(codeOf(() => assertCanSubmitUnitReport({ status: 'approved', agreement: { endDate: '2026-01-01' } }, '2026-11-22'))).toBeUndefined();
    expect(codeOf(() => assertCanSubmitUnitReport({ status: 'rejected', agreement: { endDate: '2027-01-01' } }, '2026-11-22'))).toBeUndefined();
    expect(codeOf(() => assertCanDecideUnitReport('approved'))).toBe('REPORT_STATE');
  });
});
