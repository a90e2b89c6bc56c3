// Builds the web apps `npm start` serves (server/web.ts): the staff console (Vite) into
// dist/console and the resident H5 app (Taro) into dist/h5, then gzips their scripts and
// styles for the server to send as they are, and checks the console's first load against
// its budget (1.5 MB of compressed JavaScript).
//
//   npm run build:web              both, always
//   tsx scripts/build-web.ts --if-stale   (npm start's prestart) only what is missing or older than its sources
//
// `npm install` builds nothing: a failing build never breaks an install, and CI builds on its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIRST_LOAD_BUDGET = 1.5 * 1024 * 1024;

/** What each build reads; a build older than any of these is stale. */
const SOURCES = ['client', 'shared', 'config', 'babel.config.cjs', 'package.json'].map((p) => path.join(ROOT, p));

function newestMtime(p: string): number {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

const builtAt = (dir: string) => fs.statSync(path.join(dir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
const isStale = (dir: string) => builtAt(dir) <= Math.max(...SOURCES.map(newestMtime));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${args.slice(0, 3).join(' ')} failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-4000)}\n${(r.stderr ?? '').slice(-4000)}`);
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

/** file.gz beside each script and style worth compressing (server/web.ts sends it to browsers that take gzip). */
function gzipAssets(dir: string) {
  for (const f of files(dir)) {
    if (!/\.(js|css|svg|json)$/.test(f) || fs.statSync(f).size < 1024) continue;
    fs.writeFileSync(`${f}.gz`, zlib.gzipSync(fs.readFileSync(f), { level: 9 }));
  }
}

export const consoleDir = (mode: 'production' | 'test') => path.join(ROOT, mode === 'production' ? 'dist/console' : 'dist/console-test');

export interface FirstLoad {
  files: Array<{ file: string; bytes: number; gzip: number }>;
  gzip: number;
}

/**
 * What a first visit to /console/ downloads: the entry script, everything it imports
 * statically, and the chunk of the first page (工单) with its own static imports.
 */
export function measureFirstLoad(dir: string): FirstLoad {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const i of manifest[key]!.imports ?? []) walk(i);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) walk(key);
  const firstPage = Object.keys(manifest).find((k) => k.endsWith('pages/Orders.tsx'));
  if (!firstPage) throw new Error(`no chunk of the first page (pages/Orders.tsx) in the manifest: ${Object.keys(manifest).join(', ')}`);
  walk(firstPage);
  const list = [...seen].map((k) => {
    const file = path.join(dir, manifest[k]!.file);
    const body = fs.readFileSync(file);
    return { file: manifest[k]!.file, bytes: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
  });
  return { files: list, gzip: list.reduce((s, f) => s + f.gzip, 0) };
}

/** Builds the console into dist/console (production) or dist/console-test (demo sign-in compiled in). */
export function buildConsole(mode: 'production' | 'test'): FirstLoad {
  const dir = consoleDir(mode);
  run([path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/console/vite.config.ts', '--mode', mode, '--manifest', '--logLevel', 'warn']);
  const first = measureFirstLoad(dir);
  // the manifest is for this script, not for browsers
  fs.rmSync(path.join(dir, '.vite'), { recursive: true, force: true });
  gzipAssets(dir);
  if (mode === 'production') {
    const found = files(dir).filter((f) => /\.js$/.test(f) && /dev-login|demo-staff/.test(fs.readFileSync(f, 'utf8')));
    if (found.length) throw new Error(`the production console contains the demo sign-in: ${found.join(', ')}`);
  }
  if (first.gzip > FIRST_LOAD_BUDGET) {
    throw new Error(`the console's first load is ${(first.gzip / 1024).toFixed(0)} KB of gzipped JavaScript, over the ${FIRST_LOAD_BUDGET / 1024} KB budget`);
  }
  return first;
}

/**
 * Runs `fn` holding a lock shared by every process on this checkout (a directory made
 * atomically), so two test runs or two e2e files never build into one folder at once.
 * A lock older than ten minutes is a crashed builder's and is taken over.
 */
export function withBuildLock<T>(name: string, fn: () => T): T {
  const lock = path.join(ROOT, 'dist', `.${name}.lock`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`waited 15 minutes for ${lock}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The console for the end-to-end walk, rebuilt only when its sources changed; build time in ms (0: up to date). */
export function ensureConsoleTestBuild(): number {
  if (!isStale(consoleDir('test'))) return 0;
  return withBuildLock('console-test', () => {
    // another process may have built it while this one waited
    if (!isStale(consoleDir('test'))) return 0;
    const t = performance.now();
    buildConsole('test');
    return performance.now() - t;
  });
}

function buildH5(mode: 'production' | 'test') {
  if (mode === 'production') {
    run([path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { NODE_ENV: 'production' });
    run([path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/check-h5-build.ts']);
  } else {
    run([path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--mode', 'test'], { NODE_ENV: 'production' });
  }
  gzipAssets(path.join(ROOT, mode === 'production' ? 'dist/h5' : 'dist/h5-test'));
}

const report = (f: FirstLoad) =>
  `console first load: ${(f.gzip / 1024).toFixed(0)} KB gzipped JavaScript (budget ${FIRST_LOAD_BUDGET / 1024} KB)\n` +
  f.files.map((x) => `  ${x.file.padEnd(36)} ${(x.bytes / 1024).toFixed(1).padStart(8)} KB  ${(x.gzip / 1024).toFixed(1).padStart(7)} KB gzip`).join('\n');

function main() {
  const ifStale = process.argv.includes('--if-stale');
  // what the server will serve (server/config.ts CONSOLE_DIR, H5_DIR): the production builds in production; elsewhere
  // (a newcomer's `npm start`) the builds with the demo sign-in, so the demo accounts can be tried at once
  const mode = process.env.NODE_ENV === 'production' ? 'production' : 'test';
  const h5Dir = path.join(ROOT, mode === 'production' ? 'dist/h5' : 'dist/h5-test');
  const todo = [
    { name: `staff console → ${path.relative(ROOT, consoleDir(mode))}`, dir: consoleDir(mode), build: () => console.log(report(buildConsole(mode))) },
    { name: `resident H5 app → ${path.relative(ROOT, h5Dir)}`, dir: h5Dir, build: () => buildH5(mode) },
  ].filter((a) => !ifStale || isStale(a.dir));
  for (const app of todo) {
    const t = performance.now();
    console.log(`building the ${app.name} (about a minute)…`);
    try {
      app.build();
    } catch (e) {
      // npm start still serves the API; the missing app's page says how to build it
      console.error(`could not build the ${app.name}: ${(e as Error).message}`);
      if (!ifStale) process.exitCode = 1;
      continue;
    }
    console.log(`built the ${app.name} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
