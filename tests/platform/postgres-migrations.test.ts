// PostgreSQL migrations: the committed SQL applied by the start command, recorded
// the way Prisma records them, building exactly the derived schema. (Runs in the
// server-pg project; SQLite's are checked in schema-drift.test.ts, beside this file.)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDb, sqlOf } from '../../server/db.js';
import { committedPostgresMigrations, migrateDatabase } from '../../server/migrate.js';
import { sql as sqlText } from '../../server/sql.js';
import { prismaCli, schemaSql } from '../../scripts/prisma-cli.js';
import { testDbKind } from '../support/database.js';
import { createDatabase, dropDatabase } from '../support/postgres.js';

const postgres = testDbKind() === 'postgres';
const made: string[] = [];
async function emptyDatabase(): Promise<string> {
  const name = `${inject('templateDb').replace(/template$/, '')}mig_${crypto.randomBytes(4).toString('hex')}`;
  made.push(name);
  return createDatabase(inject('postgresAdminUrl'), name);
}
afterAll(async () => {
  for (const n of made) await dropDatabase(inject('postgresAdminUrl'), n);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Tables, columns, indexes, enums and constraints, in a form two databases can be compared by. */
async function schemaOf(url: string) {
  const columns = await query(url, `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`);
  const indexes = await query(url, `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`);
  const enums = await query(url, `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1`);
  const constraints = await query(url, `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`);
  return { columns, indexes, enums, constraints };
}

describe.runIf(postgres)('PostgreSQL migrations', () => {
  it('build exactly the schema of prisma/postgres/schema', async () => {
    const migrated = await emptyDatabase();
    await migrateDatabase(migrated);
    const fromSchema = await emptyDatabase();
    const c = new pg.Client({ connectionString: fromSchema });
    await c.connect();
    await c.query(schemaSql(path.join('prisma', 'postgres', 'schema')));
    await c.end();
    const a = await schemaOf(migrated);
    expect(a.columns.length).toBeGreaterThan(200);
    expect(a).toEqual(await schemaOf(fromSchema));
  });

  it('are recorded as Prisma records them: prisma migrate status agrees, and a second start applies nothing', async () => {
    const url = await emptyDatabase();
    expect(await migrateDatabase(url)).toMatch(/^applied /m);
    expect(await migrateDatabase(url)).toBe('no pending migrations');
    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      url,
      'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const committed = committedPostgresMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(committed.map((m) => [m.name, m.checksum, 1]));
    expect(rows.every((r) => r.finished_at)).toBe(true);
    const status = prismaCli(['migrate', 'status'], { DATABASE_URL: url });
    expect(status).toContain('Database schema is up to date!');
  });

  it('two instances starting at once migrate once', async () => {
    const url = await emptyDatabase();
    const logs = await Promise.all([migrateDatabase(url), migrateDatabase(url)]);
    expect(logs.filter((l) => l === 'no pending migrations')).toHaveLength(1);
    const rows = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM "_prisma_migrations"');
    expect(Number(rows[0]!.n)).toBe(committedPostgresMigrations().length);
  });

  it('refuse to start when an applied migration was edited afterwards, and change nothing', async () => {
    const url = await emptyDatabase();
    await migrateDatabase(url);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-mig-'));
    const first = committedPostgresMigrations()[0]!;
    fs.mkdirSync(path.join(dir, first.name));
    fs.writeFileSync(path.join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
    await expect(migrateDatabase(url, dir)).rejects.toThrow(/changed after it was applied/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("open the server's sessions with random_page_cost=1.1, which an options in DATABASE_URL replaces", async () => {
    const url = await emptyDatabase();
    const show = async (u: string) => {
      const db = createDb(u);
      try {
        return (await sqlOf(db).one<{ random_page_cost: string }>(sqlText`SHOW random_page_cost`))!.random_page_cost;
      } finally {
        await db.$disconnect();
      }
    };
    expect(await show(url)).toBe('1.1');
    expect(await show(`${url}${url.includes('?') ? '&' : '?'}options=-c%20random_page_cost%3D4`)).toBe('4');
  });
});
