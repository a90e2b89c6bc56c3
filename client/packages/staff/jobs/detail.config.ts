export default definePageConfig({ navigationBarTitleText: '岗位报名', enablePullDownRefresh: true });
