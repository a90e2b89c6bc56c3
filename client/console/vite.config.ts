// The staff console (React + Ant Design + ECharts), served by the Koa server at /console/.
//   npm run build:console             → dist/console        (production: no demo sign-in)
//   npm run build:console -- --mode test → dist/console-test (the e2e walk: demo sign-in compiled in)
//   npm run dev:console               → http://localhost:5173/console/, hot reload, /api proxied to :3000
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export default defineConfig(({ mode, command }) => {
  const production = mode === 'production' && command === 'build';
  return {
    root: here,
    base: '/console/',
    plugins: [react()],
    define: {
      // the shared API client's build constants (client/global.d.ts): same-origin /api
      EJIA_API_BASE: JSON.stringify(''),
      // the demo sign-in: development and test builds only, as in the mini-program
      EJIA_DEV_LOGIN: JSON.stringify(!production),
    },
    // the API client imports what it shares with the server as values (shared/) from outside this folder
    server: {
      port: 5173,
      fs: { allow: [root] },
      proxy: { '/api': { target: process.env.EJIA_API_PROXY ?? 'http://localhost:3000', changeOrigin: false } },
    },
    build: {
      outDir: path.resolve(root, mode === 'production' ? 'dist/console' : `dist/console-${mode}`),
      emptyOutDir: true,
      // sizes are measured against the budget by scripts/build-web.ts (gzip, first load)
      chunkSizeWarningLimit: 1500,
      reportCompressedSize: false,
      rollupOptions: {
        output: {
          // the libraries change less often than the pages: their own long-cached chunks
          manualChunks(id) {
            if (!id.includes('node_modules')) return undefined;
            if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
            if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
            if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\//.test(id)) return 'antd';
            return 'vendor';
          },
        },
      },
    },
  };
});
