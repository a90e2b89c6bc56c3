export default definePageConfig({ navigationBarTitleText: '网格住户', enablePullDownRefresh: true });
