export default definePageConfig({
  navigationBarTitleText: '数据看板',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
  enablePullDownRefresh: true,
});
