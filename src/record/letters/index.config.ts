export default definePageConfig({ navigationBarTitleText: '反馈单', enablePullDownRefresh: true });
