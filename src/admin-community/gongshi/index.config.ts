export default definePageConfig({
  navigationBarTitleText: '公示异议处理',
  enablePullDownRefresh: true,
});
