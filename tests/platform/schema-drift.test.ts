// The committed migrations, applied in order, must build exactly the schema that
// prisma/schema describes (the tests, like `npm start`, run on databases built by
// the migrations; the Prisma client is generated from prisma/schema). Prisma's own
// drift check needs a shadow database, which the JS schema engine cannot open
// here, so this compares the two results directly.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from '../../server/migrate.js';
import { schemaSql } from '../../scripts/prisma-cli.js';
import { differences } from '../../scripts/postgres-schema.js';

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
  it('build the schema in prisma/schema, through prisma migrate deploy', async () => {
    const file = path.join(inject('runDir'), 'migrated.db');
    fs.rmSync(file, { force: true });
    await migrateDatabase(`file:${file}`);
    const migrated = new Database(file, { readonly: true });
    expect(schemaOf(migrated)).toEqual(describedSchema());
    expect(schemaOf(migrated).length).toBeGreaterThan(20);
    const applied = migrated.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL').all();
    expect(applied.length).toBe(migrationNames().length);
  });

  it('built the schema of the newest (and only) snapshot, which the next migration is diffed from', () => {
    const newest = migrationNames().at(-1)!;
    expect(fs.readdirSync('prisma/snapshots').filter((d) => /^\d{14}_/.test(d))).toEqual([newest]);
    expect(built(path.join('prisma', 'snapshots', newest))).toEqual(describedSchema());
  });

  it('built the database the test servers copy, which records them as applied', () => {
    const template = new Database(inject('templateDb'), { readonly: true });
    const applied = template.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name').all();
    expect(applied.map((r: any) => r.migration_name)).toEqual(migrationNames());
    expect(schemaOf(template)).toEqual(describedSchema());
  });
});

describe('the PostgreSQL twin', () => {
  it('prisma/postgres has the schema derived from prisma/schema and one committed, unedited migration per SQLite migration', () => {
    expect(differences()).toEqual([]);
  });
});
