export default definePageConfig({
  navigationBarTitleText: '手工录入复核',
  enablePullDownRefresh: true,
});
