export default definePageConfig({ navigationBarTitleText: '居民确认服务' });
