export default definePageConfig({ navigationBarTitleText: '就业培训', enablePullDownRefresh: true });
