export default definePageConfig({ navigationBarTitleText: '双向评价', enablePullDownRefresh: true });
