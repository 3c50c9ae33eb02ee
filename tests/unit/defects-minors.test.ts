/**
 * issue 11 minors whose rules are plain functions: the 报到链接 pasted on h5, the phone format
 * message by the profile field, and a VALIDATION_FAILED answer split by field.
 */
import { fieldErrors, ApiError } from '../../src/api/errors';
import { phoneProblem } from '../../core/domain/report';
import { buildCommunityScene, sceneFromLink } from '../../core/domain/scene';
import { agreement } from '../../core/contracts/report';
import { describeZodError } from '../../core/contracts/zh';

describe('sceneFromLink (如何报到 on h5: paste the shared link)', () => {
  const scene = encodeURIComponent(buildCommunityScene('comm-1'));
  it('takes the scene from a full h5 link, a mini-program path or the bare code', () => {
    expect(sceneFromLink(`http://127.0.0.1:10086/#/pages/report/index?scene=${scene}`)).toBe(scene);
    expect(sceneFromLink(`/pages/report/index?scene=${scene}&from=share`)).toBe(scene);
    expect(sceneFromLink(`  ${scene}  `)).toBe(scene);
  });
  it('refuses text that is not a report link', () => {
    expect(sceneFromLink('')).toBeNull();
    expect(sceneFromLink('https://example.com/?q=1')).toBeNull();
    expect(sceneFromLink('随便写的')).toBeNull();
  });
});

describe('phoneProblem (profile: the message says what is wrong)', () => {
  it('an 11-digit number outside the mobile ranges is a format error, not a length error', () => {
    expect(phoneProblem('23812345678')).toMatch(/格式不正确/);
    expect(phoneProblem('1381234567')).toBe('请输入 11 位手机号');
    expect(phoneProblem('')).toBe('请填写手机号');
    expect(phoneProblem('13812345678')).toBeNull();
  });
});

describe('fieldErrors (profile: errors under each field)', () => {
  it('splits the router details by top-level field, first message wins', () => {
    const err = new ApiError('VALIDATION_FAILED', '姓名：只能包含汉字', [
      { path: ['name'], message: '只能包含汉字、字母和间隔号' },
      { path: ['phone'], message: '手机号格式不正确' },
      { path: ['name'], message: '第二条' },
    ]);
    expect(fieldErrors(err)).toEqual({ name: '只能包含汉字、字母和间隔号', phone: '手机号格式不正确' });
  });
  it('gives nothing for other errors', () => {
    expect(fieldErrors(new ApiError('FORBIDDEN', '无权限'))).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });
});

test('单位报到: a 共建承诺 line over 100 characters names its field (the path is commitments.0)', () => {
  const r = agreement.safeParse({ startDate: '2026-11-30', endDate: '2027-11-30', commitments: ['测'.repeat(101)], contactName: '赵强', contactPhone: '13800138000' });
  expect(r.success).toBe(false);
  if (!r.success) expect(describeZodError(r.error, { commitments: '共建承诺' })).toBe('共建承诺：不能超过 100 个字');
});

test('fieldErrors(err, true) keys nested fields by their whole path', () => {
  const err = new ApiError('VALIDATION_FAILED', 'x', [{ path: ['beneficiary', 'name'], message: '至少 2 个字' }, { path: ['title'], message: '必填' }]);
  expect(fieldErrors(err, true)).toEqual({ 'beneficiary.name': '至少 2 个字', title: '必填' });
  expect(fieldErrors(err)).toEqual({ beneficiary: '至少 2 个字', title: '必填' });
});
