export default definePageConfig({ navigationBarTitleText: '评单', enablePullDownRefresh: true });
