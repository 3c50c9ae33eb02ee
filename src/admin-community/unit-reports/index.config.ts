export default definePageConfig({
  navigationBarTitleText: '单位报到',
  enablePullDownRefresh: true,
});
