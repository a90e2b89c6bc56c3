// The real server in its own process, started as `npm start` starts it (server/main.ts:
// migrate deploy, demo data, background tasks, the demo bot), on a fresh SQLite file
// with the demo data, reached over HTTP like any deployment.
//
// The fresh file is a copy of the run's demo database (tests/support/global-setup.ts builds it
// once, as main.ts builds an empty one): main.ts finds every migration applied and the data
// there, and goes straight to serving. It starts from the run's bundle of server/main.ts (2.5 s
// instead of 5 s through tsx). Seeding in every walk's backend cost each walk about 6 s of
// CPU. A walk that brings its own settings (the go-live walk, in production mode) starts empty.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { serverProcessArgs } from '../../support/serverBundle.js';
import { templateReady } from '../../support/templateReady.js';

export interface Backend {
  url: string;
  dir: string;
  log: () => string;
  stop(): Promise<void>;
}

/**
 * A port for a walk's backend, held until the backend stops. A port the kernel picked for a probe
 * and then freed can be picked again for another walk's probe before the first child binds it: two
 * walks' backends were once handed the same port, and one walk's health check was answered by the
 * other's server. So a port is taken at random below the kernel's ephemeral range (32768 and up,
 * which it hands out itself) and reserved by a lock file that only one process can create; a lock
 * whose process has died is taken over. (Blocks per vitest worker id were tried first: a worker
 * kept from the server files' group can carry the same id as a new one, and two walks collided.)
 */
const PORT_LOCKS = path.join(os.tmpdir(), 'ejia-walk-ports');

export async function reservePort(): Promise<{ port: number; release: () => void }> {
  fs.mkdirSync(PORT_LOCKS, { recursive: true });
  for (let tried = 0; tried < 500; tried++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const lock = path.join(PORT_LOCKS, String(port));
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      if (lockOwnerGone(lock)) fs.rmSync(lock, { force: true });
      continue;
    }
    const release = () => fs.rmSync(lock, { force: true });
    if (await canListen(port)) return { port, release };
    release();
  }
  throw new Error(`no free port found in 20000–31999 (locks in ${PORT_LOCKS})`);
}

function lockOwnerGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lock, 'utf8'));
  } catch {
    return false; // released this moment by its owner: the port is tried again another time
  }
  if (!pid) return false; // being written this moment
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The run's demo database, or null outside a vitest e2e run (the backend then loads its own). */
function demoDatabase(): string | null {
  try {
    return inject('demoDb') || null;
  } catch {
    return null;
  }
}

/**
 * `env`: the walk's own settings, on an empty database (the go-live walk runs it in production mode).
 * `settings`: on top of the usual ones, on the demo copy (a walk that does not watch the bot's pace
 * has it post a notice's groups 0.1–0.3 s apart instead of 2–5 s).
 */
export async function startBackend(dir: string, env: Record<string, string> = {}, settings: Record<string, string> = {}): Promise<Backend> {
  fs.mkdirSync(dir, { recursive: true });
  const demo = Object.keys(env).length ? null : demoDatabase();
  if (demo) {
    await templateReady(path.dirname(demo)); // built while the run's first files went (tests/support/global-setup.ts)
    fs.copyFileSync(demo, path.join(dir, 'e2e.db'));
  }
  const { port, release } = await reservePort();
  let output = '';
  // the run's server bundle (tests/support/serverBundle.ts); the go-live walk runs `npm start`'s own command
  const entry = demo ? await serverProcessArgs() : [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('server/main.ts')];
  const child: ChildProcess = spawn(process.execPath, entry, {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      // E2E_LOG_LEVEL=info shows each request of a walk's backend when one is being looked into
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      SLA_SWEEP_SECONDS: '0',
      LOGIN_RATE_PER_MINUTE: '1000',
      // a notice written in a walk goes out whatever the hour the tests run at
      NOTICE_QUIET_HOURS: 'off',
      ...settings,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  // the port is free again once the child has gone, however it went
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      release();
      resolve(code);
    }),
  );

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
