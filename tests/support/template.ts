// Builds the demo database the test suites copy, and the benchmarks start from:
// SQLite, a file built from prisma/schema (tests/schema-drift.test.ts checks that the
// committed migrations build the same); PostgreSQL, a database migrated with the
// committed SQL exactly as `npm start` migrates it.
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
import { schemaSql } from '../../scripts/prisma-cli.js';

export async function buildDemoDatabase(file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  const raw = new Database(file);
  raw.exec(schemaSql());
  raw.close();
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
