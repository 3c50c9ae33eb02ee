export default definePageConfig({
  navigationBarTitleText: '考勤确认',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
});
