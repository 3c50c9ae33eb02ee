export default definePageConfig({ navigationBarTitleText: '服务证明出具', enablePullDownRefresh: true });
