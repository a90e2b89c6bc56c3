// Taro build configuration for the mini-program (weapp) and the browser build (h5).
// One file on purpose: Taro loads it through its own require hook, outside our ESM/NodeNext setup.
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** Where the mini-program sends its requests; WeChat only talks to registered HTTPS domains. */
const PLACEHOLDER_API_BASE = 'https://api.ejia.invalid';
/** `.js` in imports (the project's ESM convention) resolves to the .ts/.tsx source; webpack-chain 6 has no setter for it. */
const JS_TO_TS = { '.js': ['.ts', '.tsx', '.js'] };

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const platform = process.env.TARO_ENV ?? 'h5';
  const production = mode === 'production';
  const apiBase = process.env.EJIA_API_BASE ?? (production ? PLACEHOLDER_API_BASE : 'http://localhost:3000');
  if (platform === 'weapp' && production && apiBase === PLACEHOLDER_API_BASE) {
    console.warn('EJIA_API_BASE is not set: this weapp build talks to a placeholder host. Set EJIA_API_BASE=https://… for a release.');
  }
  // `--mode test` (the end-to-end build) and development get their own output directories,
  // so a production build in dist/h5 never contains the demo sign-in.
  const outputRoot = production ? `dist/${platform}` : `dist/${platform}-${mode}`;
  // Taro compiles only sourceRoot (client/) and Taro's packages; the words and limits
  // the server shares with the mini-program live beside both, in shared/
  const compile = { include: [path.resolve('shared')] };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack-chain's Config, not typed by Taro
  const tune = (chain: any) => {
    chain.resolve.set('extensionAlias', JS_TO_TS);
    // sizes are checked by our own scripts (scripts/check-*.ts), against WeChat's real limits
    chain.performance.hints(false);
    // webpack's cache notes about modules it cannot serialise are noise, not problems
    chain.set('infrastructureLogging', { level: 'error' });
    // webpack's filesystem cache (node_modules/.cache/webpack): a rebuild takes seconds instead of a minute
    chain.cache({
      type: 'filesystem',
      name: `${mode}-${platform}`,
      buildDependencies: { config: [path.resolve('config/index.ts'), path.resolve('babel.config.cjs')], app: [path.resolve('client/app.config.ts')] },
    });
    // EJIA_BUNDLE_STATS=file.json: webpack's module list per output file, to see what makes a package heavy
    const statsFile = process.env.EJIA_BUNDLE_STATS;
    if (statsFile) {
      chain.plugin('bundle-stats').use(
        class {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack's Compiler
          apply(compiler: any) {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack's Stats
            compiler.hooks.done.tap('bundle-stats', (stats: any) => {
              const json = stats.toJson({ all: false, chunks: true, chunkModules: true, nestedModules: true, chunkModulesSpace: 1e9, nestedModulesSpace: 1e9, cachedModules: true, dependentModules: true, orphanModules: true, modules: false });
              // eslint-disable-next-line @typescript-eslint/no-require-imports -- Taro loads this file as CommonJS
              require('node:fs').writeFileSync(path.resolve(statsFile), JSON.stringify(json));
            });
          }
        },
      );
    }
  };

  const config: UserConfigExport<'webpack5'> = {
    projectName: 'ejia-shequ',
    date: '2025-11-22',
    // Sizes in the stylesheets are CSS pixels on a 375-wide phone.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'client',
    outputRoot,
    plugins: [],
    defineConstants: {
      // On H5 the API is same-origin /api (the dev server and the test server proxy it).
      EJIA_API_BASE: JSON.stringify(platform === 'h5' ? '' : apiBase),
      // The role picker over the demo accounts: development and test builds only.
      EJIA_DEV_LOGIN: JSON.stringify(!production),
      // Subscribe-message templates the mini-program asks residents to allow (the server's variables).
      EJIA_SUBSCRIBE_TEMPLATES: JSON.stringify({
        order_status: process.env.WECHAT_SUBSCRIBE_TEMPLATE_ORDER ?? '',
        emergency_notice: process.env.WECHAT_SUBSCRIBE_TEMPLATE_EMERGENCY ?? '',
      }),
    },
    alias: {},
    // the pictures of shared cards (client/lib/share.ts) are served from the H5 build, not packed into the mini-program
    copy: { patterns: platform === 'h5' ? [{ from: 'client/assets/share/', to: `${outputRoot}/share/` }] : [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // set in webpackChain below: Taro's own default watches src/app.config, which we do not have
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: tune,
      compile,
      optimizeMainPackage: { enable: true },
      // WXML templates Taro writes per nesting level (base.wxml, in the main package): deeper
      // nesting is drawn by Taro's recursive comp component. 16 levels cost 61 KB, 6 cost 33 KB.
      // (Taro's webpack5 runner reads it; its config type leaves it out.)
      ...({ baseLevel: 6 } as Record<string, unknown>),
    },
    h5: {
      compile,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        // Phone scale on phones; on the office PC the root size stops at 24px instead of doubling.
        pxtransform: { enable: true, config: { maxRootSize: 24, minRootSize: 18 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        tune(chain);
        // Taro splits only the initial chunks, so every page chunk carried its own copy of the
        // components and the API client (300 KB a page); share them between pages instead
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
      devServer: {
        port: 10086,
        proxy: [{ context: ['/api'], target: process.env.EJIA_API_PROXY ?? 'http://localhost:3000', changeOrigin: false }],
      },
    },
  };
  return merge({}, config);
});
