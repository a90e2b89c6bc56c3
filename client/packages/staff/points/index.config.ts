export default definePageConfig({ navigationBarTitleText: '发积分', enablePullDownRefresh: true });
