export default definePageConfig({ navigationBarTitleText: '待评单', enablePullDownRefresh: true });
