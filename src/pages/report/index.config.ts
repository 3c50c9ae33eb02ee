export default definePageConfig({
  navigationBarTitleText: '到社区报到',
});
