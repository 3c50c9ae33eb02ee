export default definePageConfig({
  navigationBarTitleText: '红黄绿灯阈值',
  navigationStyle: 'default',
});
