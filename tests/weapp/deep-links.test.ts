/** Deep links without their parameter (tests/weapp/deep-links.fixture.ts): a member's 反馈单, a district admin's 阈值. */
import { DISTRICT_ADMIN, lettersWithoutView, thresholdsWithoutDistrict } from './deep-links.fixture';

test('反馈单 without view, opened by a member: their own letters, not the community\'s drafting page', async () => {
  expect(await lettersWithoutView([], '还没有反馈单')).toEqual(['myLetters']);
});

test('阈值 without districtId, opened by a district admin: their district\'s thresholds', async () => {
  expect(await thresholdsWithoutDistrict(DISTRICT_ADMIN, '当前第 2 版')).toEqual(['d1']);
});
