// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config (.cjs: the root package is ESM)
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
