export default definePageConfig({
  navigationBarTitleText: '报到名册',
});
