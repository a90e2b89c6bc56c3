export default definePageConfig({ navigationBarTitleText: '积分榜', enablePullDownRefresh: true });
