// Run by backend.ts in a child process: the real app (configuration from the
// environment, real clock, the development WeChat fake) on a fresh SQLite file
// with the demo data. The schema is built straight from prisma/schema, as the
// server suites build theirs, rather than by `server/main.ts`'s `migrate deploy`:
// while engineers add tables before the lead writes their migration, main.ts's
// demo data would fail on a migrated database (see tests/schema-drift.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';
import { createDb, tuneSqlite } from '../../../server/db.js';
import { buildDeps } from '../../../server/deps.js';
import { seedDemo } from '../../../server/demo/seed.js';
import { createLogger } from '../../../server/logger.js';
import { schemaSql } from '../../../scripts/prisma-cli.js';

const config = loadConfig();
const file = config.databaseUrl.slice('file:'.length);
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.rmSync(file, { force: true });
const raw = new Database(file);
raw.exec(schemaSql());
raw.close();

const db = createDb(config.databaseUrl);
await tuneSqlite(db);
const deps = buildDeps(config, db, createLogger(config.logLevel));
await seedDemo(deps);
const server = createApp(deps).listen(config.port, config.host);
process.once('SIGTERM', () => {
  server.close();
  void db.$disconnect().then(() => process.exit(0));
});
