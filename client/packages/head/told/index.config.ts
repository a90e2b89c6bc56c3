export default definePageConfig({ navigationBarTitleText: '通知告知情况', enablePullDownRefresh: true });
