// navigationStyle 'default' (WeChat's own) also turns on Taro's H5 bar: a detail page's title and back button in the browser
export default definePageConfig({ navigationStyle: 'default', navigationBarTitleText: '记录走访' });
