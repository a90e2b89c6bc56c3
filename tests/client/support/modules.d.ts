// Taro's H5 runtime entry points, imported by taro-h5.ts as the H5 build does; they ship no types.
declare module '@tarojs/plugin-platform-h5/dist/runtime/apis';
declare module '@tarojs/plugin-framework-react/dist/runtime';
