export default definePageConfig({ navigationBarTitleText: '楼道巡查', enablePullDownRefresh: true });
