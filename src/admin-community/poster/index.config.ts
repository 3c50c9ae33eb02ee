export default definePageConfig({
  navigationBarTitleText: '报到二维码',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
});
