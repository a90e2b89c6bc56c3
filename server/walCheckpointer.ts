// SQLite WAL checkpoints off the event loop.
//
// With synchronous=NORMAL a commit does not fsync; the checkpoint that copies
// the WAL back into the database does, twice. SQLite runs it inside whichever
// commit crosses 1000 WAL pages, so every ~100th order filed stalled the one
// Node thread on two fsyncs (the filing route's cost per request fell from 250
// to 80 µs of INSERT without them, tests/bench). Here the server turns automatic
// checkpoints off on its own connection and a worker thread, with a connection
// of its own, runs PASSIVE checkpoints (never waiting on readers or writers)
// every second. Durability is unchanged: the same fsyncs, on another thread.
// If the worker fails, automatic checkpoints come back on.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import type { Logger } from './logger.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const checkpoint = (mode) => {
  const [r] = db.pragma('wal_checkpoint(' + mode + ')');
  return r;
};
const timer = setInterval(() => {
  try { checkpoint('PASSIVE'); } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  let last = null;
  try { last = checkpoint('PASSIVE'); } catch {}
  db.close();
  parentPort.postMessage({ stopped: true, last });
});
`;

export interface WalCheckpointer {
  /** A last checkpoint, then the worker ends. */
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for the SQLite database `file`. The caller has
 * already set `PRAGMA wal_autocheckpoint = 0` on its connection;
 * `restoreAutocheckpoint` turns it back on if the worker dies.
 */
export function startWalCheckpointer(
  file: string,
  logger: Logger,
  restoreAutocheckpoint: () => Promise<unknown> | void,
  everyMs = 1000,
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs, driver } });
  worker.unref();
  let stopping = false;
  const fail = (why: string) => {
    if (stopping) return;
    logger.error({ why }, 'WAL checkpoint worker failed; SQLite checkpoints automatically again');
    void Promise.resolve(restoreAutocheckpoint()).catch((err) => logger.error({ err }, 'could not restore automatic checkpoints'));
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error) logger.warn({ error: m.error }, 'WAL checkpoint did not run');
  });
  worker.on('error', (e) => fail(e.message));
  worker.on('exit', (code) => {
    if (code !== 0) fail(`exit code ${code}`);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        const done = () => resolve();
        const timer = setTimeout(() => void worker.terminate().then(done, done), 5000);
        worker.on('message', (m: { stopped?: boolean }) => {
          if (!m.stopped) return;
          clearTimeout(timer);
          void worker.terminate().then(done, done);
        });
        worker.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        worker.postMessage('stop');
      }),
  };
}
