/** Deep links without their parameter (tests/weapp/deep-links.fixture.ts): a unit admin's 反馈单, a member's 阈值. */
import { UNIT_ADMIN, lettersWithoutView, thresholdsWithoutDistrict } from './deep-links.fixture';

test('反馈单 without view, opened by a unit admin: the letters the unit received', async () => {
  expect(await lettersWithoutView(UNIT_ADMIN, '没有待回执的反馈单')).toEqual(['unitLetters']);
});

test('阈值 without districtId, opened by a member: who may set them, and no dashboard asked', async () => {
  expect(await thresholdsWithoutDistrict([], '只有区级管理员或超级管理员可以设置阈值')).toEqual([]);
});
