export default definePageConfig({
  navigationBarTitleText: '群发通知',
  navigationStyle: 'default',
});
