export default definePageConfig({ navigationBarTitleText: '超时督办', enablePullDownRefresh: true });
