import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from 'vitest/config';
import { postgresAnswers, testPostgresUrl } from './tests/support/postgres.js';
import { TimingFirstSequencer } from './tests/support/sequencer.js';

// Taro's H5 packages ship source maps that point at sources they do not ship, and
// vite warns about each one; loading those files ourselves skips the source map.
const taroWithoutSourceMaps: Plugin = {
  name: 'taro-without-source-maps',
  enforce: 'pre',
  load(id) {
    if (!/[\\/]node_modules[\\/]@tarojs[\\/].*\.js$/.test(id)) return null;
    return fs.readFileSync(id.split('?')[0]!, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
  },
};

// Files that kill processes, start servers as child processes or judge real time: beside the
// server files, which hold both cores, a starved CPU failed them, not the code. They run in projects
// of their own (`timing`, `timing-pg`) in the walks' group, sharing its two workers: a timing file
// takes a walk's place, so the machine is no busier than with two walks, and they no longer run one
// at a time at the end with 39 % of the CPU idle (docs/testing.md). What they judge on a clock has
// room for a neighbour (a 3 s lease waited on for 15 s, a 1.5 s lock wait bounded at 4.5 s); the
// password check compares CPU time, not the clock.
const timingFiles = [
  'tests/reliability/crash.test.ts',
  'tests/platform/multi-instance.test.ts',
  'tests/platform/sqlite-lock.test.ts',
  'tests/points/expiry-wiring.test.ts',
  'tests/auth/password.test.ts',
  'tests/employment/zero-employment.test.ts',
  'tests/platform/keep-alive.test.ts',
];
// vitest runs the groups one after another, lowest first; within a group, files share the workers
// (and every project of a group must have the same maxWorkers)
const GROUP = { parallel: 0, walks: 1 } as const;
/** Walks and timing files at a time; E2E_WORKERS=1 runs them one at a time. */
const WALK_WORKERS = Number(process.env.E2E_WORKERS) || 2;

const serverTests = {
  include: ['tests/**/*.test.ts', 'server/**/*.test.ts'],
  exclude: [...configDefaults.exclude, 'tests/client/**', 'tests/e2e/**', ...timingFiles],
  globalSetup: ['tests/support/global-setup.ts'],
  // the run's databases are built while the first files load (global-setup.ts): a file waits for its own here
  setupFiles: ['tests/support/wait-for-template.ts'],
  // One module graph per worker, not per file: every file imports the whole server
  // (~190 modules, ~2 s to transform and load each time), and no test changes module
  // state (each test server has its own deps, database and clock). A test must leave
  // nothing running past its file (tests/notices/delivery.test.ts lets its hung worker go).
  isolate: false,
};

/**
 * The PostgreSQL half runs when TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * answers. In CI it always runs (and fails loudly if the server is missing);
 * TEST_POSTGRES=off skips it on purpose.
 */
async function postgresProject(): Promise<TestProjectInlineConfiguration[]> {
  if (process.env.TEST_POSTGRES === 'off') return [];
  const version = await postgresAnswers(testPostgresUrl());
  if (!version && !process.env.CI) {
    console.warn(`\n!! PostgreSQL does not answer at ${testPostgresUrl()}: the server suites run on SQLite only (set TEST_POSTGRES_URL, or TEST_POSTGRES=off to silence this)\n`);
    return [];
  }
  return [
    {
      extends: true,
      test: {
        name: 'server-pg',
        ...serverTests,
        // schema-drift compares SQLite files (and the derived PostgreSQL files with their source)
        exclude: [...serverTests.exclude, 'tests/platform/schema-drift.test.ts'],
      },
    },
    timingProject('timing-pg'),
  ];
}

/** The timing-sensitive files on one database (`timing`: SQLite, `timing-pg`: PostgreSQL), beside the walks. */
function timingProject(name: 'timing' | 'timing-pg'): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      ...serverTests,
      include: timingFiles,
      exclude: configDefaults.exclude,
      maxWorkers: WALK_WORKERS,
      sequence: { groupOrder: GROUP.walks },
    },
  };
}

// The client files share one module graph and one happy-dom page per worker (`isolate: false`):
// loading Taro's components and React into a fresh page for each file cost ~1.5 s a file, three
// quarters of the project's time (41.6 s isolated, 11.3 s shared, with 2 workers). A file that
// replaces a module with `vi.mock` cannot share: the module may already be loaded, unreplaced, by
// an earlier file. Those files (found by reading them) run isolated, in `client-mocks`.
const clientFiles = fs
  .readdirSync('tests/client', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.test\.tsx?$/.test(f))
  .map((f) => `tests/client/${f.split(path.sep).join('/')}`);
const mockingFiles = clientFiles.filter((f) => /\bvi\.mock\(/.test(fs.readFileSync(f, 'utf8')));

function clientProjects(): TestProjectInlineConfiguration[] {
  const client = (name: string, files: { include: string[]; exclude?: string[] }, isolate: boolean): TestProjectInlineConfiguration => ({
    extends: true,
    plugins: [taroWithoutSourceMaps],
    // what the H5 build does (config/index.ts and Taro's H5 platform plugin)
    resolve: {
      alias: [
        { find: /^@tarojs\/components$/, replacement: '@tarojs/components/lib/react' },
        { find: /^@tarojs\/taro$/, replacement: path.resolve('tests/client/support/taro-h5.ts') },
      ],
    },
    define: {
      EJIA_API_BASE: JSON.stringify(''),
      EJIA_DEV_LOGIN: JSON.stringify(true),
      DEPRECATED_ADAPTER_COMPONENT: JSON.stringify(false),
      'process.env.TARO_ENV': JSON.stringify('h5'),
      'process.env.TARO_PLATFORM': JSON.stringify('web'),
      'process.env.FRAMEWORK': JSON.stringify('react'),
      'process.env.SUPPORT_TARO_POLYFILL': JSON.stringify('disabled'),
    },
    test: {
      name,
      ...files,
      isolate,
      environment: 'happy-dom',
      setupFiles: ['tests/client/support/setup.ts'],
    },
  });
  return [
    client('client', { include: ['tests/client/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, ...mockingFiles] }, false),
    ...(mockingFiles.length ? [client('client-mocks', { include: mockingFiles }, true)] : []),
  ];
}

// One `npm test`, four kinds of test:
//   server     the API over real HTTP on real SQLite files (tests/*.test.ts)
//   server-pg  the same suites on real PostgreSQL databases
//   client     the mini-program's components and logic in happy-dom (tests/client/)
//   e2e        the H5 build in headless Chromium against the real server (tests/e2e/)
export default defineConfig(async (): Promise<ViteUserConfig> => ({
  test: {
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache), keyed by their
    // source and the project's config: `server-pg`, `timing` and `timing-pg` read what `server`
    // transformed instead of transforming the whole server again, in the same run as in the next.
    // In two server and two PostgreSQL files: transform 5.2–5.9 s against 9.4–10.2 s, from an empty cache.
    experimental: { fsModuleCache: true },
    // the timing files first in the walks' group (tests/support/sequencer.ts)
    sequence: { sequencer: TimingFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default is cores − 1 = 1 there): a test
    // file spends most of its time waiting on its database, its HTTP round trips and Chromium, so a
    // second file fills the gaps. VITEST_MAX_WORKERS overrides it (1 runs one file at a time).
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || 2,
    projects: [
      {
        extends: true,
        test: { name: 'server', ...serverTests },
      },
      timingProject('timing'),
      ...(await postgresProject()),
      ...clientProjects(),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Two walks at a time, after the server and client files. A walk leaves the CPU idle 48 % of
          // its time (waiting on Chromium's frames, its backend, animations): all 24 walks took
          // 441.6 s one at a time and 270.4 s two at a time, each walk about 16 % slower, none failing
          // (docs/testing.md). A backend's port is reserved by a lock file (support/backend.ts):
          // two backends started at once were once handed one port. (When each
          // walk's backend seeded its own demo, two at a time starved one walk for 30 s in CI; they
          // start from the run's demo copy now.) E2E_WORKERS=1: one at a time.
          maxWorkers: WALK_WORKERS,
          sequence: { groupOrder: GROUP.walks },
          // builds the H5 bundle once (when stale) and empties the screenshot folder, before any walk starts
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          // a failed test prints what its pages showed (and keeps their screenshots)
          setupFiles: ['tests/e2e/support/failures.ts'],
          // the first run builds the H5 bundle (about a minute) before the walk starts
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
}));
