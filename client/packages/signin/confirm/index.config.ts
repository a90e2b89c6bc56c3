export default definePageConfig({ navigationBarTitleText: '登录社区工作台' });
