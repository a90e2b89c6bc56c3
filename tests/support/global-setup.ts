// Once per test run: one SQLite file built from prisma/schema with the demo
// data loaded. Each test file then works on its own copy of it.
// (tests/schema-drift.test.ts checks that the committed migrations build the same schema.)
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { seedDemo } from '../../server/demo/seed.js';
import { schemaSql } from '../../scripts/prisma-cli.js';

export default async function setup(project: TestProject) {
  const dir = path.resolve('.tmp', `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'template.db');
  const raw = new Database(file);
  raw.exec(schemaSql());
  raw.close();

  const url = `file:${file}`;
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, UPLOAD_DIR: path.join(dir, 'uploads'), LOG_LEVEL: 'silent' });
  const db = createDb(url);
  await tuneSqlite(db);
  await seedDemo(buildDeps(config, db, createLogger('silent')));
  // fold the WAL into the main file so a plain copy is complete
  await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.$queryRawUnsafe('PRAGMA journal_mode = DELETE');
  await db.$disconnect();
  project.provide('templateDb', file);
  project.provide('runDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    runDir: string;
  }
}
