export default definePageConfig({
  navigationBarTitleText: '阈值设置',
  navigationStyle: 'default',
});
