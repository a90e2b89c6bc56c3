// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config (.cjs: the root package is ESM)
// Targets: what WeChat runs mini-programs on today (iOS 12+ JavaScriptCore, Android's V8 of
// Chrome 66+), also the phones and office PCs that open the H5 build. Taro's own default (iOS 9,
// Android 5) turned every async function into a regenerator state machine and every class into
// helper calls: 10 % of the main package for engines nobody uses.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: { ios: '12', chrome: '66' } }]],
};
