export default definePageConfig({ navigationBarTitleText: '导出记实档案' });
