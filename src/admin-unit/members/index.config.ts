export default definePageConfig({
  navigationBarTitleText: '单位党员',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
  enablePullDownRefresh: true,
});
