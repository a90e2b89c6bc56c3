export default definePageConfig({ navigationBarTitleText: '我的报事', enablePullDownRefresh: true });
