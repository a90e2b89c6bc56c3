export default definePageConfig({ navigationBarTitleText: '待派单', enablePullDownRefresh: true });
