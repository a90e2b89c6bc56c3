// The end-to-end test drives the H5 build in `--mode test` (dist/h5-test: the demo
// sign-in is compiled in). It builds it itself when it is missing or older than
// anything it is built from, so `npm test` works on a clean clone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withBuildLock } from '../../../scripts/build-web.js';

export const H5_TEST_DIR = path.resolve('dist/h5-test');
const SOURCES = ['client', 'shared', 'config', 'babel.config.cjs', 'package.json'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Builds dist/h5-test if needed; returns how long the build took (0 when it was up to date). */
export function ensureH5Build(): number {
  const index = path.join(H5_TEST_DIR, 'index.html');
  const fresh = () => (fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0) > Math.max(...SOURCES.map(newestMtime));
  if (fresh()) return 0;
  // one builder at a time across processes; another may have built it while this one waited
  return withBuildLock('h5-test', () => (fresh() ? 0 : buildH5Test(index)));
}

function buildH5Test(index: string): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [path.resolve('node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--mode', 'test'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0 || !fs.existsSync(index)) {
    throw new Error(`H5 build failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`);
  }
  return performance.now() - start;
}
