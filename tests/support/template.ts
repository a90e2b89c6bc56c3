// Builds a SQLite file from prisma/schema and loads the demo data into it:
// the test suites' template, and the benchmarks' starting point.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { seedDemo } from '../../server/demo/seed.js';
import { schemaSql } from '../../scripts/prisma-cli.js';

export async function buildDemoDatabase(file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.rmSync(file, { force: true });
  const raw = new Database(file);
  raw.exec(schemaSql());
  raw.close();
  const url = `file:${file}`;
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, UPLOAD_DIR: path.join(path.dirname(file), 'uploads'), LOG_LEVEL: 'silent' });
  const db = createDb(url);
  await tuneSqlite(db);
  await seedDemo(buildDeps(config, db, createLogger('silent')));
  // fold the WAL into the main file so a plain copy is complete
  await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.$queryRawUnsafe('PRAGMA journal_mode = DELETE');
  await db.$disconnect();
}
