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
import pg from 'pg';
import { dbKindOf } from './db.js';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** `postgresMigrations`: another folder of migrations (tests). */
export async function migrateDatabase(databaseUrl: string, postgresMigrations = POSTGRES_MIGRATIONS): Promise<string> {
  return dbKindOf(databaseUrl) === 'postgres' ? migratePostgres(databaseUrl, postgresMigrations) : migrateSqlite(databaseUrl);
}

function migrateSqlite(databaseUrl: string): Promise<string> {
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
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`prisma migrate deploy failed (${code}):\n${out}`))));
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

export function committedPostgresMigrations(dir = POSTGRES_MIGRATIONS): PendingMigration[] {
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
    for (const m of committedPostgresMigrations(dir)) {
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
