// The committed migrations, applied in order, must build exactly the schema that
// prisma/schema describes (the tests, like `npm start`, run on databases built by
// the migrations; the Prisma client is generated from prisma/schema). Prisma's own
// drift check needs a shadow database, which the JS schema engine cannot open
// here, so this compares the two results directly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { schemaSql } from '../../scripts/prisma-cli.js';
import { differences } from '../../scripts/postgres-schema.js';
import { migrateDatabase, SQLITE_MIGRATIONS, sqliteUpToDate } from '../../server/migrate.js';
import { WRITE_LOG } from '../support/writeLog.js';

function schemaOf(db: Database.Database) {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY type, name")
    .all() as Array<{ type: string; name: string; sql: string | null }>;
  return rows.map((r) => ({ ...r, sql: (r.sql ?? '').replace(/\s+/g, ' ').trim() }));
}

/** The schema a folder of .prisma files describes, built from nothing in memory. */
function built(schema?: string) {
  const db = new Database(':memory:');
  db.exec(schemaSql(schema));
  const out = schemaOf(db);
  db.close();
  return out;
}

/** The schema prisma/schema describes (built once). */
let described: ReturnType<typeof schemaOf> | undefined;
const describedSchema = () => (described ??= built());

const migrationNames = () => fs.readdirSync('prisma/migrations').filter((d) => /^\d{14}_/.test(d)).sort();

describe('migrations', () => {
  // The template the test servers copy is built by the same migrateDatabase() as `npm start`
  // (`prisma migrate deploy` on a new file: tests/support/template.ts), so it is the check
  // that the migrations build prisma/schema; a second deploy into another file only repeated it.
  it('built the database the test servers copy, through prisma migrate deploy, which records them as applied', () => {
    const template = new Database(inject('templateDb'), { readonly: true });
    const applied = template.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name').all();
    expect(applied.map((r: any) => r.migration_name)).toEqual(migrationNames());
    const all = schemaOf(template);
    template.close();
    // the tests' write log (tests/support/writeLog.ts) is the only thing added: one table, its triggers
    const log = all.filter((r) => r.name.startsWith(WRITE_LOG));
    expect(log.filter((r) => r.type === 'table').map((r) => r.name)).toEqual([WRITE_LOG]);
    expect(log.filter((r) => r.type !== 'table' && r.type !== 'trigger')).toEqual([]);
    const schema = all.filter((r) => !r.name.startsWith(WRITE_LOG));
    expect(schema).toEqual(describedSchema());
    expect(schema.length).toBeGreaterThan(20);
  });

  // `npm start` on a database it has migrated before (every walk's backend, every restart in the crash test)
  it('starts no prisma CLI when every migration is recorded as applied; anything else goes to prisma migrate deploy', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-migrate-'));
    try {
      const file = path.join(dir, 'copy.db');
      fs.copyFileSync(inject('templateDb'), file);
      expect(sqliteUpToDate(file)).toBe(true);
      expect(await migrateDatabase(`file:${file}`)).toBe('no pending migrations');
      expect(sqliteUpToDate(path.join(dir, 'none.db'))).toBe(false); // a new database

      // a migration committed since (here: a copy of the folder with one more)
      const newer = path.join(dir, 'migrations');
      fs.cpSync(SQLITE_MIGRATIONS, newer, { recursive: true });
      fs.mkdirSync(path.join(newer, '29991231000000_next'));
      fs.writeFileSync(path.join(newer, '29991231000000_next', 'migration.sql'), 'CREATE TABLE "Next" ("id" TEXT NOT NULL PRIMARY KEY);\n');
      expect(sqliteUpToDate(file, newer)).toBe(false);
      // a migration file edited after it was applied
      fs.rmSync(path.join(newer, '29991231000000_next'), { recursive: true });
      const last = migrationNames().at(-1)!;
      fs.appendFileSync(path.join(newer, last, 'migration.sql'), '\n-- edited\n');
      expect(sqliteUpToDate(file, newer)).toBe(false);

      // as recorded: one failed, one rolled back; each time the CLI is asked, and answers
      const db = new Database(file);
      db.prepare('UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = ?').run(last);
      expect(sqliteUpToDate(file)).toBe(false);
      db.prepare('UPDATE _prisma_migrations SET rolled_back_at = NULL, finished_at = NULL WHERE migration_name = ?').run(last);
      db.close();
      expect(sqliteUpToDate(file)).toBe(false);
      await expect(migrateDatabase(`file:${file}`)).rejects.toThrow(/prisma migrate deploy failed[\s\S]*P3009/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('built the schema of the newest (and only) snapshot, which the next migration is diffed from', () => {
    const newest = migrationNames().at(-1)!;
    expect(fs.readdirSync('prisma/snapshots').filter((d) => /^\d{14}_/.test(d))).toEqual([newest]);
    expect(built(path.join('prisma', 'snapshots', newest))).toEqual(describedSchema());
  });
});

describe('the PostgreSQL twin', () => {
  it('prisma/postgres has the schema derived from prisma/schema and one committed, unedited migration per SQLite migration', () => {
    expect(differences()).toEqual([]);
  });
});
