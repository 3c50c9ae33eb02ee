export default definePageConfig({
  navigationBarTitleText: '街道管理',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
  enablePullDownRefresh: true,
});
