export default definePageConfig({
  navigationBarTitleText: '记实档案',
  enablePullDownRefresh: true,
});
