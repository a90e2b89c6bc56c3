// navigationStyle 'default' (WeChat's own) also turns on Taro's H5 bar: the title and a back button in the browser
export default definePageConfig({ navigationStyle: 'default', navigationBarTitleText: '民情日志' });
