export default definePageConfig({
  navigationBarTitleText: '报到名册',
  enablePullDownRefresh: true,
});
