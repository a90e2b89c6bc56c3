// Applies the committed migrations at start.
//
// SQLite: Prisma's own `migrate deploy` (on the JS/WebAssembly schema engine; see
// prisma.config.ts), so Prisma's _prisma_migrations bookkeeping stays authoritative.
//
// PostgreSQL: that engine cannot migrate PostgreSQL (it fails reading the catalog,
// prisma/orm#27403), so the committed SQL in prisma/postgres/migrations is applied
// here, and recorded in _prisma_migrations exactly as `migrate deploy` records it
// (same table, sha256 checksums of the files, one row per migration), so Prisma's
// tools and this code agree about what has been applied. Each migration runs in one
// transaction (PostgreSQL DDL is transactional: a failed migration leaves nothing),
// under an advisory lock so that several instances starting at once migrate once.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { dbKindOf } from './db.js';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * `postgresMigrations`: another folder of migrations (tests). `sqliteLockWaitMs`: how long to wait
 * for another process to let go of the SQLite file before giving up (tests shorten it).
 */
export async function migrateDatabase(
  databaseUrl: string,
  postgresMigrations = POSTGRES_MIGRATIONS,
  opts: { sqliteLockWaitMs?: number } = {},
): Promise<string> {
  return dbKindOf(databaseUrl) === 'postgres' ? migratePostgres(databaseUrl, postgresMigrations) : migrateSqlite(databaseUrl, opts.sqliteLockWaitMs ?? 30_000);
}

/** The SQLite file is held by another process; the message names the file and, where it can, the process. */
export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
}

/**
 * Prisma's schema engine meets a locked file as `WASM_ERROR … unknown variant SocketTimeout`,
 * which tells nobody anything. So the lock is awaited here first (bounded), by taking and
 * dropping an exclusive transaction (it waits for writers and, outside WAL, for readers too),
 * and a file still held is reported plainly, with the processes that have it open.
 */
async function waitForSqliteFile(file: string, waitMs: number): Promise<void> {
  if (file === ':memory:' || !fs.existsSync(file)) return; // the migration creates it
  const started = Date.now();
  for (;;) {
    const db = new Database(file, { timeout: 0 });
    try {
      db.exec('BEGIN EXCLUSIVE');
      db.exec('ROLLBACK');
      return;
    } catch (e) {
      if (!/^SQLITE_(BUSY|LOCKED)/.test((e as { code?: string }).code ?? '')) throw e;
    } finally {
      db.close();
    }
    if (Date.now() - started >= waitMs) throw lockedError(file, Date.now() - started);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function lockedError(file: string, waitedMs: number): DatabaseLockedError {
  const holders = processesHolding(file);
  const who = holders.length
    ? `held open by ${holders.map((h) => `${h.command} (pid ${h.pid}${h.cmdline ? `: ${h.cmdline}` : ''})`).join(', ')}`
    : 'held by another process (none of the processes this user may inspect has it open: another user\'s, or another machine\'s on a shared disk)';
  return new DatabaseLockedError(
    `the SQLite database file ${file} is locked: ${who}. Waited ${Math.round(waitedMs / 1000)} s for it to be released. ` +
      'Close that process (an open sqlite3 shell, a server still running on this file) and start again.',
  );
}

/** Linux: the processes with the database file (or its -wal, -shm, -journal) open, from /proc. Empty elsewhere. */
export function processesHolding(file: string): Array<{ pid: number; command: string; cmdline: string }> {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    real = path.resolve(file);
  }
  const names = new Set([real, `${real}-wal`, `${real}-shm`, `${real}-journal`]);
  const found: Array<{ pid: number; command: string; cmdline: string }> = [];
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid);
  } catch {
    return found;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    const holds = fds.some((fd) => {
      try {
        return names.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
    if (!holds) continue;
    const read = (f: string) => {
      try {
        return fs.readFileSync(`/proc/${pid}/${f}`, 'utf8');
      } catch {
        return '';
      }
    };
    const cmdline = read('cmdline').split('\0').filter(Boolean).join(' ').slice(0, 120);
    found.push({ pid: Number(pid), command: read('comm').trim() || 'unknown', cmdline });
  }
  return found;
}

export const SQLITE_MIGRATIONS = path.join(root, 'prisma', 'migrations');

/**
 * Whether the file records every committed migration as applied, finished, not rolled back, with
 * the checksum of its migration.sql, exactly as `prisma migrate deploy` records one. Then the CLI
 * would only say "No pending migrations to apply", and starting it (a second Node process loading
 * Prisma's CLI and schema engine, about 2 s of CPU at every start) is skipped. Anything else (a
 * new database, a new migration, a failed one, a file changed since) goes to the CLI, which
 * applies it or says what is wrong.
 */
export function sqliteUpToDate(file: string, dir = SQLITE_MIGRATIONS): boolean {
  if (file === ':memory:' || !fs.existsSync(file)) return false;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db.prepare('SELECT migration_name AS name, checksum, finished_at AS finished, rolled_back_at AS rolledBack FROM "_prisma_migrations"').all() as Array<{
      name: string;
      checksum: string;
      finished: string | null;
      rolledBack: string | null;
    }>;
    if (rows.some((r) => !r.finished && !r.rolledBack)) return false; // a failed one: the CLI says so (P3009)
    const applied = new Map(rows.filter((r) => r.finished && !r.rolledBack).map((r) => [r.name, r.checksum]));
    return committedMigrations(dir).every((m) => applied.get(m.name) === m.checksum);
  } finally {
    db.close();
  }
}

async function migrateSqlite(databaseUrl: string, lockWaitMs: number): Promise<string> {
  const file = databaseUrl.slice('file:'.length);
  await waitForSqliteFile(file, lockWaitMs);
  if (sqliteUpToDate(file)) return 'no pending migrations';
  const started = Date.now();
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) return resolve(out);
      // taken again between the wait above and the migration (the engine's busy timeout passed)
      if (out.includes('SocketTimeout') || /database is locked/i.test(out)) return reject(lockedError(file, Date.now() - started));
      reject(new Error(`prisma migrate deploy failed (${code}):\n${out}`));
    });
  });
}

export const POSTGRES_MIGRATIONS = path.join(root, 'prisma', 'postgres', 'migrations');
// the key Prisma's schema engine itself takes for migrations on PostgreSQL
const MIGRATION_LOCK_KEY = 72707369;

// Prisma's own definition of the table (schema engine, PostgreSQL flavour)
const BOOKKEEPING_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface PendingMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** A folder of migrations (SQLite's or PostgreSQL's), in order, with the checksum Prisma records for each. */
export function committedMigrations(dir: string): PendingMigration[] {
  return fs
    .readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: crypto.createHash('sha256').update(bytes).digest('hex') };
    });
}

async function migratePostgres(databaseUrl: string, dir: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const log: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(BOOKKEEPING_DDL);
    const rows = (
      await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      )
    ).rows;
    const applied = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]));
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new Error(`migration ${failed.migration_name} failed earlier and is not resolved (Prisma's P3009); mend the database, then mark it rolled back`);
    }
    for (const m of committedMigrations(dir)) {
      const sum = applied.get(m.name);
      if (sum !== undefined) {
        if (sum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied (checksum differs)`);
        continue;
      }
      await client.query('BEGIN');
      try {
        const id = crypto.randomUUID();
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)', [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query('UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed, nothing of it was applied: ${(e as Error).message}`);
      }
      log.push(`applied ${m.name}`);
    }
    if (!log.length) log.push('no pending migrations');
    return log.join('\n');
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
