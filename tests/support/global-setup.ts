// Once per test run: one SQLite file with every migration applied and the demo
// data loaded. Each test file then works on its own copy of it.
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../server/config.js';
import { createDb, tuneSqlite } from '../../server/db.js';
import { buildDeps } from '../../server/deps.js';
import { createLogger } from '../../server/logger.js';
import { migrateDatabase } from '../../server/migrate.js';
import { seedDemo } from '../../server/demo/seed.js';

export default async function setup(project: TestProject) {
  const dir = path.resolve('.tmp', `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'template.db');
  const url = `file:${file}`;
  await migrateDatabase(url);
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
