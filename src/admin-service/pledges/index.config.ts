export default definePageConfig({
  navigationBarTitleText: '承诺审核与评诺',
});
