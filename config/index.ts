import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/**
 * Taro 4 build config, written by hand (templates can't be fetched offline).
 * weapp → dist/ (open the repo root in WeChat DevTools; project.config.json points there),
 * h5 → dist-h5/ (served by `npm start` on the same origin as /api/<function>).
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5';
  const root = path.resolve(__dirname, '..');
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'shuangbaodao',
    date: '2026-11-22',
    // NutUI React Taro is drawn at 375; our own styles use the same unit so one px means the same everywhere.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: ['@tarojs/plugin-html'],
    // Build-time constants. Never read process.env.TARO_APP_* in src: an undefined one survives
    // into the h5 bundle and throws "process is not defined".
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV || 'shuangbaodao-prod'),
      BUILD_TIME: JSON.stringify(new Date().toISOString()),
    },
    alias: {
      '@core': path.resolve(root, 'core'),
      '@': path.resolve(root, 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: true, buildDependencies: { config: [__filename, path.resolve(root, 'babel.config.js')] } },
    sass: {},
    mini: {
      // core/ (contracts, domain rules, formats, the demo user list) is TypeScript outside src/: compile it too.
      compile: { include: [path.resolve(root, 'core')] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
    },
    h5: {
      compile: { include: [path.resolve(root, 'core')] },
      publicPath: '/',
      webpackChain(chain) {
        // Taro splits only initial chunks, so every page chunk carried its own copy of the libraries
        // and shared code it uses. One vendor chunk for what lazy pages share from node_modules and
        // one for our own shared modules; each loads once, on the first page that needs it.
        const split = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> } | false;
        if (!split) return;
        chain.optimization.splitChunks({
          ...split,
          cacheGroups: {
            ...split.cacheGroups,
            // NutUI components (beyond icons) are used by subpackage (admin) pages only: their own chunk,
            // so the member pages' first load does not carry them
            nutui: { name: 'nutui', test: /[\\/]node_modules[\\/]@nutui[\\/]nutui-react-taro[\\/]/, chunks: 'async', minChunks: 2, priority: 30, reuseExistingChunk: true },
            asyncVendors: { name: 'vendors-shared', test: /[\\/]node_modules[\\/]/, chunks: 'async', minChunks: 2, priority: 20, reuseExistingChunk: true },
            asyncShared: { name: 'shared', chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
          },
        });
      },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, base, devConfig);
  return merge({}, base, prodConfig);
});
