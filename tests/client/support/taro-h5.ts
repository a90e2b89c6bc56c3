// `@tarojs/taro` as the H5 build sees it. The build rewrites `Taro.x` into named
// imports of the H5 API library (babel-plugin-transform-taroapi) and adds the
// React hooks (@tarojs/plugin-framework-react's api-loader); vitest has neither,
// so this module puts the same pieces together. Real implementations throughout:
// storage is localStorage, requests are fetch.
import * as h5 from '@tarojs/plugin-platform-h5/dist/runtime/apis';
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime';

const Taro = { ...(h5 as unknown as { default: object }).default, ...h5, ...hooks } as Record<string, unknown>;
delete Taro.default;

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';
export * from '@tarojs/plugin-framework-react/dist/runtime';
export default Taro;
