export default definePageConfig({ navigationBarTitleText: 'e家社区' });
