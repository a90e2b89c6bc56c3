export default definePageConfig({ navigationStyle: 'default', navigationBarTitleText: '登记变化' });
