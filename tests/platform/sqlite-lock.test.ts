// `npm start` on a SQLite file another process holds (an open sqlite3 shell in a
// transaction, a server that was not stopped): the start-up migration waits a while
// for it, and if it stays held says so plainly, naming the file and the process,
// instead of Prisma's `WASM_ERROR … unknown variant SocketTimeout`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseLockedError, migrateDatabase } from '../../server/migrate.js';
import { ROOT } from '../bench/support.js';
import { freshDatabase, testDbKind, type FreshDatabase } from '../support/database.js';

const holders: ChildProcess[] = [];

/** Another process that takes the file's write lock and keeps it (for `ms`, or until killed). */
async function holdLocked(file: string, ms = 600_000, command: 'node' | 'sqlite3' = 'node'): Promise<ChildProcess> {
  const child =
    command === 'node'
      ? spawn(
          process.execPath,
          ['-e', `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}); db.exec('BEGIN EXCLUSIVE'); console.log('locked');
                  setTimeout(() => { db.exec('ROLLBACK'); db.close(); process.exit(0); }, ${ms});`],
          { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
        )
      : spawn('sqlite3', [file], { stdio: ['pipe', 'pipe', 'inherit'] });
  holders.push(child);
  if (command === 'sqlite3') child.stdin!.write("BEGIN EXCLUSIVE;\nSELECT 'locked';\n"); // and then the shell sits idle, in its transaction
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before it held the lock`)));
  });
  return child;
}

describe.runIf(testDbKind() === 'sqlite')('the start-up migration and a SQLite file held by another process', () => {
  let fresh: FreshDatabase;
  let file: string;
  beforeAll(async () => {
    fresh = await freshDatabase();
    file = fresh.url.slice('file:'.length);
  });
  afterEach(() => {
    for (const h of holders.splice(0)) h.kill('SIGKILL');
  });
  afterAll(() => fresh?.drop());

  it('waits, then says the file is locked and which process holds it', async () => {
    const holder = await holdLocked(file);
    const t = Date.now();
    const failed = await migrateDatabase(fresh.url, undefined, { sqliteLockWaitMs: 1500 }).then(
      () => null,
      (e: Error) => e,
    );
    expect(failed).toBeInstanceOf(DatabaseLockedError);
    // it waited before giving up, and gave up then: Prisma's own busy timeout would fail later, as SocketTimeout
    expect(Date.now() - t).toBeGreaterThanOrEqual(1500);
    expect(Date.now() - t).toBeLessThan(4500);
    expect(failed!.message).toContain(`the SQLite database file ${file} is locked`);
    expect(failed!.message).toMatch(new RegExp(`held open by node \\(pid ${holder.pid}\\b`));
    expect(failed!.message).not.toMatch(/SocketTimeout|WASM_ERROR/);
  });

  it.runIf(spawnSync('sqlite3', ['-version']).status === 0)('names an idle sqlite3 shell left in a transaction', async () => {
    const holder = await holdLocked(file, 0, 'sqlite3');
    const failed = await migrateDatabase(fresh.url, undefined, { sqliteLockWaitMs: 500 }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(DatabaseLockedError);
    expect((failed as Error).message).toMatch(new RegExp(`held open by sqlite3 \\(pid ${holder.pid}\\b`));
  });

  it('goes ahead once the other process lets go within the wait', async () => {
    await holdLocked(file, 2000); // lets go after 2 s
    const out = await migrateDatabase(fresh.url, undefined, { sqliteLockWaitMs: 30_000 });
    expect(out).toBe('no pending migrations'); // every migration was applied (the template's): nothing for the CLI
  }, 90_000);
});
