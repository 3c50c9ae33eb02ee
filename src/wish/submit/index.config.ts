export default definePageConfig({
  navigationBarTitleText: '提交微心愿',
});
