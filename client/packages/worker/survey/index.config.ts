export default definePageConfig({ navigationStyle: 'default', navigationBarTitleText: '就业摸底', enablePullDownRefresh: true });
