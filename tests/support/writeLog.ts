// Every insert, update and delete in a test database, as rows of a log: triggers on
// every table of the run's template database (installed by the template builder that
// global-setup.ts starts, after the demo data is loaded, so every copy a test server gets
// has them; production databases and the benchmark's never do) add one row to
// "_test_writes" per row written. A test
// notes the log's end before a request and reads what came after it: "nothing written"
// then means no row of any table was added, changed or removed, not only that the row
// counts came out equal. The log rows are written in the writer's own transaction, so
// what a refused request rolled back is not in it; they are inserts into a table of
// their own with a sequence key, so concurrent writers never wait on one another for them.
//
// The tables come from the database itself, not from a list: a table a new migration
// adds is covered without anyone remembering it (tests/reliability/harness.test.ts
// checks that every table of the schema is).
import Database from 'better-sqlite3';
import { withAdmin } from './postgres.js';
import { kindOf, type Db } from '../../server/db.js';

export const WRITE_LOG = '_test_writes';
/** The name of every trigger the log adds (SQLite: followed by the table's name). */
export const WRITE_TRIGGER = '_test_writes';
/** Tables that are not the application's data: the migrations' record and the log itself. */
const NOT_DATA = new Set(['_prisma_migrations', WRITE_LOG]);

const quoted = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unexpected table name ${name}`);
  return `"${name}"`;
};

/** Adds the log and its triggers to a SQLite file (not open elsewhere). Returns the tables covered. */
export function installSqliteWriteLog(file: string): string[] {
  const db = new Database(file);
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").all() as Array<{ name: string }>)
      .map((r) => r.name)
      .filter((t) => !NOT_DATA.has(t));
    const statements = [`CREATE TABLE ${quoted(WRITE_LOG)} (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL)`];
    for (const t of tables) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        statements.push(
          `CREATE TRIGGER ${quoted(`${WRITE_TRIGGER}_${op.toLowerCase()}_${t}`)} AFTER ${op} ON ${quoted(t)} FOR EACH ROW ` +
            `BEGIN INSERT INTO ${quoted(WRITE_LOG)} (tbl, op) VALUES ('${t}', '${op}'); END`,
        );
      }
    }
    db.exec('BEGIN');
    for (const s of statements) db.exec(s);
    db.exec('COMMIT');
    return tables;
  } finally {
    db.close();
  }
}

/** Adds the log and its triggers to a PostgreSQL database (its URL). Returns the tables covered. */
export async function installPostgresWriteLog(url: string): Promise<string[]> {
  return withAdmin(url, async (c) => {
    const tables = (await c.query<{ t: string }>('SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1')).rows
      .map((r) => r.t)
      .filter((t) => !NOT_DATA.has(t));
    const statements = [
      `CREATE TABLE ${quoted(WRITE_LOG)} (id BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL)`,
      `CREATE FUNCTION ${quoted(WRITE_LOG)}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN INSERT INTO ${quoted(WRITE_LOG)} (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`,
    ];
    for (const t of tables) {
      statements.push(`CREATE TRIGGER ${quoted(WRITE_TRIGGER)} AFTER INSERT OR UPDATE OR DELETE ON ${quoted(t)} FOR EACH ROW EXECUTE FUNCTION ${quoted(WRITE_LOG)}()`);
      // row triggers do not see TRUNCATE
      statements.push(`CREATE TRIGGER ${quoted(`${WRITE_TRIGGER}_truncate`)} AFTER TRUNCATE ON ${quoted(t)} FOR EACH STATEMENT EXECUTE FUNCTION ${quoted(WRITE_LOG)}()`);
    }
    await c.query('BEGIN');
    for (const s of statements) await c.query(s);
    await c.query('COMMIT');
    return tables;
  });
}

/** The tables of the database, and those of them whose every kind of write the log sees. */
export async function writeLogCoverage(db: Db): Promise<{ tables: string[]; covered: string[] }> {
  const postgres = kindOf(db) === 'postgres';
  const tables = (
    postgres
      ? await db.$queryRawUnsafe<Array<{ t: string }>>('SELECT tablename::text AS t FROM pg_tables WHERE schemaname = current_schema()')
      : await db.$queryRawUnsafe<Array<{ t: string }>>("SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
  )
    .map((r) => r.t)
    .filter((t) => !NOT_DATA.has(t))
    .sort();
  const events = postgres
    ? await db.$queryRawUnsafe<Array<{ t: string; op: string }>>(
        `SELECT event_object_table::text AS t, event_manipulation::text AS op FROM information_schema.triggers
         WHERE trigger_schema = current_schema() AND trigger_name = '${WRITE_TRIGGER}' AND action_orientation = 'ROW' AND action_timing = 'AFTER'`,
      )
    : (await db.$queryRawUnsafe<Array<{ t: string; name: string }>>(`SELECT tbl_name AS t, name FROM sqlite_master WHERE type = 'trigger'`)).flatMap((r) => {
        const m = new RegExp(`^${WRITE_TRIGGER}_(insert|update|delete)_(.+)$`).exec(r.name);
        return m && m[2] === r.t ? [{ t: r.t, op: m[1]!.toUpperCase() }] : [];
      });
  const ops = new Map<string, Set<string>>();
  for (const e of events) ops.set(e.t, (ops.get(e.t) ?? new Set()).add(e.op));
  const covered = tables.filter((t) => ['INSERT', 'UPDATE', 'DELETE'].every((op) => ops.get(t)?.has(op)));
  return { tables, covered };
}

/** Where the log ends now: writes after this mark are what a request did. */
export async function writeMark(db: Db): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ n: number | bigint | null }>>(`SELECT MAX(id) AS n FROM ${quoted(WRITE_LOG)}`);
  return Number(row?.n ?? 0);
}

/**
 * The writes after `mark`, per table and kind ({ "PointsAccount": "UPDATE×1" }); empty
 * when nothing was written. `except`: tables whose writes are expected (by default the
 * rate-limit counters: counting a refused request is their job).
 */
export async function writesSince(db: Db, mark: number, except: readonly string[] = ['RateLimitWindow']): Promise<Record<string, string>> {
  const rows = await db.$queryRawUnsafe<Array<{ tbl: string; op: string; n: number | bigint }>>(
    `SELECT tbl, op, COUNT(*) AS n FROM ${quoted(WRITE_LOG)} WHERE id > ${Math.trunc(mark)} GROUP BY tbl, op ORDER BY tbl, op`,
  );
  const out: Record<string, string> = {};
  for (const r of rows) {
    if (except.includes(r.tbl)) continue;
    out[r.tbl] = [out[r.tbl], `${r.op}×${Number(r.n)}`].filter(Boolean).join(', ');
  }
  return out;
}
