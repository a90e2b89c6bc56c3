export default definePageConfig({ navigationBarTitleText: '发送情况', enablePullDownRefresh: true });
