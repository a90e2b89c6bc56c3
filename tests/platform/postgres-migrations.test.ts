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
import { committedMigrations, migrateDatabase, POSTGRES_MIGRATIONS } from '../../server/migrate.js';
import { sql as sqlText } from '../../server/sql.js';
import { prismaCli, schemaSql } from '../../scripts/prisma-cli.js';
import { testDbKind } from '../support/database.js';
import { createTestDatabase, dropDatabase } from '../support/postgres.js';

const postgres = testDbKind() === 'postgres';
const made: string[] = [];
async function emptyDatabase(): Promise<string> {
  const name = `${inject('templateDb').replace(/template$/, '')}mig_${crypto.randomBytes(4).toString('hex')}`;
  made.push(name);
  return createTestDatabase(inject('postgresAdminUrl'), name);
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

/** Writes migrations into a folder laid out as prisma/postgres/migrations is (the same bytes: the same checksums). */
function writeMigrations(dir: string, migrations: Array<{ name: string; sql: string }>) {
  for (const m of migrations) {
    fs.mkdirSync(path.join(dir, m.name), { recursive: true });
    fs.writeFileSync(path.join(dir, m.name, 'migration.sql'), m.sql);
  }
}

const appliedMigrations = (url: string) =>
  query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    url,
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
  );

/** Rows in each table of the schema (bookkeeping aside). */
async function rowCounts(c: pg.Client): Promise<Map<string, number>> {
  const tables = (await c.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`)).rows;
  const counts = new Map<string, number>();
  for (const { t } of tables) counts.set(t, Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0]!.n));
  return counts;
}

/**
 * One more row in every table, whatever the schema is at this point: parents before
 * children, each foreign key pointing at the row just made in its table, every column
 * given a value of its type (so that a later migration meets filled columns, not NULLs).
 * A column type it does not know fails the test, to be taught here.
 */
async function fillEveryTable(c: pg.Client, step: number): Promise<string[]> {
  const columns = (
    await c.query<{ t: string; col: string; data_type: string; udt_name: string; nullable: boolean; max: number | null }>(`
      SELECT table_name AS t, column_name AS col, data_type, udt_name, is_nullable = 'YES' AS nullable, character_maximum_length AS max
      FROM information_schema.columns c
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        AND EXISTS (SELECT 1 FROM information_schema.tables x WHERE x.table_schema = 'public' AND x.table_name = c.table_name AND x.table_type = 'BASE TABLE')
      ORDER BY table_name, ordinal_position`)
  ).rows;
  const fks = (
    await c.query<{ t: string; ref: string; cols: string[]; refcols: string[] }>(`
      SELECT src.relname AS t, dst.relname AS ref,
        (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(f.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = k.n) AS cols,
        (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(f.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = f.confrelid AND a.attnum = k.n) AS refcols
      FROM pg_constraint f JOIN pg_class src ON src.oid = f.conrelid JOIN pg_class dst ON dst.oid = f.confrelid
      WHERE f.contype = 'f' AND f.connamespace = 'public'::regnamespace`)
  ).rows;
  const firstLabel = new Map(
    (
      await c.query<{ typname: string; label: string }>(`SELECT t.typname, (array_agg(e.enumlabel ORDER BY e.enumsortorder))[1] AS label
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`)
    ).rows.map((r) => [r.typname, r.label]),
  );
  const byTable = new Map<string, typeof columns>();
  for (const col of columns) byTable.set(col.t, [...(byTable.get(col.t) ?? []), col]);
  const nullable = (t: string, col: string) => byTable.get(t)!.find((x) => x.col === col)!.nullable;

  // parents first; a key that may be NULL does not hold its table back (that breaks cycles)
  const order: string[] = [];
  const waiting = new Set(byTable.keys());
  while (waiting.size) {
    const ready = [...waiting].filter((t) =>
      fks.every((f) => f.t !== t || f.ref === t || !waiting.has(f.ref) || f.cols.every((col) => nullable(t, col))),
    );
    const next = ready.length ? ready : [...waiting].slice(0, 1);
    for (const t of next) {
      order.push(t);
      waiting.delete(t);
    }
  }

  const made = new Map<string, Record<string, unknown>>();
  for (const t of order) {
    const values = new Map<string, unknown>();
    for (const f of fks.filter((x) => x.t === t)) {
      if (f.cols.some((col) => values.has(col))) continue;
      let parent = made.get(f.ref);
      if (!parent && f.cols.some((col) => !nullable(t, col))) {
        parent = (await c.query(`SELECT ${f.refcols.map((r) => `"${r}"`).join(', ')} FROM "${f.ref}" LIMIT 1`)).rows[0];
      }
      f.cols.forEach((col, i) => values.set(col, parent ? parent[f.refcols[i]!] : null));
    }
    for (const col of byTable.get(t)!) {
      if (values.has(col.col)) continue;
      const text = `s${step}-${crypto.randomBytes(6).toString('hex')}`;
      const v =
        col.data_type === 'text' || col.data_type === 'character varying'
          ? text.slice(0, col.max ?? undefined)
          : col.data_type === 'integer' || col.data_type === 'bigint' || col.data_type === 'smallint'
            ? step + 1
            : col.data_type === 'boolean'
              ? false
              : col.data_type.startsWith('timestamp') || col.data_type === 'date'
                ? new Date()
                : col.data_type === 'bytea'
                  ? Buffer.from(text)
                : col.data_type === 'USER-DEFINED' && firstLabel.has(col.udt_name)
                  ? firstLabel.get(col.udt_name)
                  : undefined;
      if (v === undefined) throw new Error(`fillEveryTable: no value for ${t}.${col.col} of type ${col.data_type} (${col.udt_name}); add one`);
      values.set(col.col, v);
    }
    const names = [...values.keys()];
    const row = await c.query(
      `INSERT INTO "${t}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
      [...values.values()],
    );
    made.set(t, row.rows[0]);
  }
  return order;
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
    const committed = committedMigrations(POSTGRES_MIGRATIONS);
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
    expect(Number(rows[0]!.n)).toBe(committedMigrations(POSTGRES_MIGRATIONS).length);
  });

  it('refuse to start when an applied migration was edited afterwards, and change nothing', async () => {
    const url = await emptyDatabase();
    const committed = committedMigrations(POSTGRES_MIGRATIONS);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-mig-'));
    try {
      // all but the newest applied: a start after the edit has one pending migration it must not apply
      writeMigrations(dir, committed.slice(0, -1));
      await migrateDatabase(url, dir);
      const [first, newest] = [committed[0]!, committed.at(-1)!];
      fs.writeFileSync(path.join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
      writeMigrations(dir, [newest]);
      const before = { schema: await schemaOf(url), applied: await appliedMigrations(url) };
      await expect(migrateDatabase(url, dir)).rejects.toThrow(`migration ${first.name} was changed after it was applied`);
      expect({ schema: await schemaOf(url), applied: await appliedMigrations(url) }).toEqual(before);
      expect(before.applied.map((r) => r.migration_name)).not.toContain(newest.name);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('apply, one by one from the first, to a database holding rows in every table, and keep every row', async () => {
    // H1 and others add migrations: the list is read, never written down here
    const committed = committedMigrations(POSTGRES_MIGRATIONS);
    expect(committed.length).toBeGreaterThan(1);
    const url = await emptyDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ejia-mig-'));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const [step, m] of committed.entries()) {
        writeMigrations(dir, [m]);
        const before = await rowCounts(c);
        expect(await migrateDatabase(url, dir)).toBe(`applied ${m.name}`);
        const after = await rowCounts(c);
        // a table the migration kept keeps its rows (one it dropped is gone from `after`)
        const kept = [...before].filter(([t]) => after.has(t));
        expect(kept.map(([t]) => [m.name, t, after.get(t)])).toEqual(kept.map(([t, n]) => [m.name, t, n]));
        const filled = await fillEveryTable(c, step);
        expect(filled.length, m.name).toBe((await rowCounts(c)).size);
      }
      const counts = await rowCounts(c);
      expect([...counts.values()].every((n) => n >= 1)).toBe(true);
      expect((await appliedMigrations(url)).map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
    } finally {
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

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
