/** Deep links without their parameter (tests/weapp/deep-links.fixture.ts): a community admin's 反馈单. */
import { COMMUNITY_ADMIN, lettersWithoutView } from './deep-links.fixture';

test('反馈单 without view, opened by a community admin: drafting and sending for the community', async () => {
  expect(await lettersWithoutView(COMMUNITY_ADMIN, '生成草稿')).toEqual(['communityLetters']);
});
