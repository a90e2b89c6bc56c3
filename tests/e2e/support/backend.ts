// The real server in its own process, started as `npm start` starts it (server/main.ts:
// migrate deploy, demo data, background tasks, the demo bot), on a fresh SQLite file
// with the demo data, reached over HTTP like any deployment.
//
// The fresh file is a copy of one demo database per run, migrated and loaded as main.ts does
// an empty one (the first walk builds it): main.ts then finds every migration applied and the
// data there, and goes straight to serving. Migrating and seeding in every walk's backend cost
// each walk its start-up twice over, and under load it went past the 90 s wait.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { inject } from 'vitest';

export interface Backend {
  url: string;
  dir: string;
  log: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The walks' settings for a backend in `dir` (what main.ts reads, as `npm start` would get it). */
function backendEnv(dir: string, port: number, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
    UPLOAD_DIR: path.join(dir, 'uploads'),
    LOG_LEVEL: 'warn',
    SLA_SWEEP_SECONDS: '0',
    LOGIN_RATE_PER_MINUTE: '1000',
    // a notice written in a walk goes out whatever the hour the tests run at
    NOTICE_QUIET_HOURS: 'off',
    ...env,
  };
}

// Demo data is written relative to the time it is loaded ("an order from an hour ago"): an older
// copy is built again, so no walk meets data staler than the server suites' template can be.
const DEMO_MAX_AGE_MS = 15 * 60_000;

/**
 * The run's demo database (tests/e2e/support/global-setup.ts names the file), built when missing
 * or stale: migrated by main.ts's own migrateDatabase, then main.ts's seedDemo with the config a
 * backend would read. Null outside a vitest e2e run: the backend then builds its own, as before.
 */
async function demoDatabase(): Promise<string | null> {
  let file: string;
  try {
    file = inject('e2eDemoDb');
  } catch {
    return null;
  }
  if (!file) return null;
  const age = fs.existsSync(file) ? Date.now() - fs.statSync(file).mtimeMs : Infinity;
  if (age < DEMO_MAX_AGE_MS) return file;
  const t = performance.now();
  const building = path.join(path.dirname(file), `building-${process.pid}`);
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  const built = path.join(building, 'e2e.db');
  const [{ loadConfig }, { createDb, tuneSqlite }, { buildDeps }, { createLogger }, { migrateDatabase }, { seedDemo }, { default: Database }] = await Promise.all([
    import('../../../server/config.js'),
    import('../../../server/db.js'),
    import('../../../server/deps.js'),
    import('../../../server/logger.js'),
    import('../../../server/migrate.js'),
    import('../../../server/demo/index.js'),
    import('better-sqlite3'),
  ]);
  const env = backendEnv(building, 0, {});
  await migrateDatabase(env.DATABASE_URL!);
  const db = createDb(env.DATABASE_URL!);
  await tuneSqlite(db);
  await seedDemo(buildDeps(loadConfig(env), db, createLogger('silent')));
  await db.$disconnect();
  // fold the WAL into the file, so that a plain copy is the whole database
  const raw = new Database(built);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.pragma('journal_mode = DELETE');
  raw.close();
  fs.renameSync(built, file);
  fs.rmSync(building, { recursive: true, force: true });
  console.log(`demo database for the walks migrated and loaded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return file;
}

/** `env`: on top of the walk's settings (the go-live walk runs it in production mode, on an empty database). */
export async function startBackend(dir: string, env: Record<string, string> = {}): Promise<Backend> {
  fs.mkdirSync(dir, { recursive: true });
  const demo = Object.keys(env).length ? null : await demoDatabase();
  if (demo) fs.copyFileSync(demo, path.join(dir, 'e2e.db'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('server/main.ts')], {
    env: backendEnv(dir, port, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 90_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(r, 250))]);
    if (code !== undefined) throw new Error(`server exited (${code}) before it was ready:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 90 s:\n${output}`);
    }
  }
  return {
    url,
    dir,
    log: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's demo database the walks' backends copy (backend.ts builds it). */
    e2eDemoDb: string;
  }
}
