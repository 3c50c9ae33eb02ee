export default definePageConfig({
  navigationBarTitleText: '承诺审核与评诺',
  // h5 has no native bar: show Taro's title bar with back (home when opened directly)
  navigationStyle: 'default',
});
