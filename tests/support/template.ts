// Builds the demo database the test suites copy, and the benchmarks start from,
// migrated exactly as `npm start` migrates a new database (server/migrate.ts), so
// a copy carries Prisma's migration history and a server started on it finds
// nothing to apply: SQLite, a file migrated by `prisma migrate deploy`;
// PostgreSQL, a database migrated with the committed SQL. Then the demo data.
// (tests/platform/schema-drift.test.ts checks that the SQLite migrations build exactly
// what prisma/schema describes.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { migrateDatabase } from '../../server/migrate.js';
import { seedDemo } from '../../server/demo/seed.js';

export async function buildDemoDatabase(file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
  await migrateDatabase(`file:${file}`);
  await seedDatabase(`file:${file}`, path.join(path.dirname(file), 'uploads'));
  // fold the WAL into the main file so a plain copy is complete
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

/** `url` names an empty PostgreSQL database. */
export async function buildPostgresDemoDatabase(url: string): Promise<void> {
  await migrateDatabase(url);
  await seedDatabase(url, path.join(os.tmpdir(), 'ejia-template-uploads'));
}

async function seedDatabase(url: string, uploadDir: string): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, UPLOAD_DIR: uploadDir, LOG_LEVEL: 'silent' });
  const db = createDb(url);
  await tuneSqlite(db);
  await seedDemo(buildDeps(config, db, createLogger('silent')));
  await db.$disconnect();
}
