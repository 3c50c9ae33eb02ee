export default definePageConfig({
  navigationBarTitleText: '报到二维码',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
  // 转发给党员: the share card opens the report page with this community's code
  enableShareAppMessage: true,
});
