export default definePageConfig({ navigationBarTitleText: '安排培训' });
