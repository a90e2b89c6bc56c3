// Hand-written SQL for the hot paths, on the very connections Prisma uses.
//
// Why: Prisma 6.19's engine-free client compiles every query (raw ones too) in
// WebAssembly on every call, with no plan cache: ~240 µs for `$queryRaw` of one
// row, ~570 µs for the same `findUnique`, against ~10 µs for the statement
// itself. On the routes every user hits all day (the session lookup, the order
// list, filing an order, a redemption, the rate-limit counter) that fixed cost
// was most of the server's CPU (docs/benchmarks.md). Everything else keeps
// using Prisma; this is the narrow way around it, not a second data layer.
//
// Queries are written once for both databases with sql-template-tag
// (`sql\`… ${value}\``: values never touch the SQL text) in the subset of SQL
// that SQLite and PostgreSQL share. Results come back as Prisma would return
// them: DateTime columns as Date, Boolean columns as boolean, Int as number.
//
// SQLite: better-sqlite3 is one connection and one mutex (server/db.ts), shared
// with Prisma, so a transaction here and one in Prisma exclude each other.
// PostgreSQL: the pg pool Prisma's adapter draws from.
import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { Mutex } from 'async-mutex';
import { raw as rawSql, type Sql as SqlQuery } from 'sql-template-tag';

export { default as sql, join, raw, empty, bulk, type Sql as SqlQuery } from 'sql-template-tag';

/** The two databases the server runs on. */
export type DbKind = 'sqlite' | 'postgres';

export interface SqlClient {
  readonly kind: DbKind;
  /** Every row, as objects keyed by column name (alias). */
  all<T>(q: SqlQuery): Promise<T[]>;
  /** The first row, or undefined. */
  one<T>(q: SqlQuery): Promise<T | undefined>;
  /** Runs a statement; the number of rows it changed. */
  run(q: SqlQuery): Promise<number>;
}

export interface Sql extends SqlClient {
  /**
   * `fn` in one transaction: committed when it returns, rolled back when it
   * throws. SQLite takes the write lock at BEGIN (IMMEDIATE), so two writers
   * never deadlock upgrading; PostgreSQL runs READ COMMITTED, as Prisma does,
   * so hot rows must be taken with conditional updates or FOR UPDATE.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/**
 * A refusal from the database, with the Prisma error code it corresponds to, so
 * `isUniqueViolation` and the error middleware treat raw and Prisma errors alike.
 */
export class SqlError extends Error {
  override readonly name = 'SqlError';
  constructor(
    readonly code: 'P2002' | 'P2003' | 'P2024' | 'P2034' | 'unknown',
    readonly driverCode: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

function sqlError(e: unknown): unknown {
  if (!e || typeof e !== 'object' || e instanceof SqlError) return e;
  const driverCode = (e as { code?: unknown }).code;
  const message = (e as Error).message ?? String(e);
  const code =
    driverCode === 'SQLITE_CONSTRAINT_UNIQUE' || driverCode === 'SQLITE_CONSTRAINT_PRIMARYKEY' || driverCode === '23505'
      ? 'P2002'
      : driverCode === 'SQLITE_CONSTRAINT_FOREIGNKEY' || driverCode === '23503'
        ? 'P2003'
        : driverCode === 'SQLITE_BUSY' || driverCode === '40001' || driverCode === '40P01' || driverCode === '55P03'
          ? 'P2034'
          : /timeout exceeded when trying to connect/.test(message)
            ? 'P2024'
            : undefined;
  if (!code) return e;
  return new SqlError(code, typeof driverCode === 'string' ? driverCode : undefined, message);
}

// --- SQLite -------------------------------------------------------------------

/** What server/db.ts captures when Prisma opens its better-sqlite3 connection. */
export interface SqliteHandle {
  client: BetterSqlite3.Database;
  lock: Mutex;
}

type RowBuilder = (values: unknown[]) => Record<string, unknown>;

interface Prepared {
  stmt: BetterSqlite3.Statement;
  build: RowBuilder | null;
}

/** Prisma's own text form of a DateTime in SQLite ('…T…+00:00'), so comparisons with stored values hold. */
const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');

const sqliteParam = (v: unknown) =>
  v instanceof Date ? sqliteDate(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v;

/**
 * Turns a raw result row (an array) into an object, decoding by the columns'
 * declared types as Prisma does: DATETIME → Date, BOOLEAN → boolean. Compiled
 * once per statement into one object literal: better-sqlite3's own objects are
 * built key by key, which cost more than the query on wide rows (115 vs 49 µs
 * for six 26-column orders).
 */
function rowBuilder(stmt: BetterSqlite3.Statement): RowBuilder {
  const fields = stmt.columns().map((c, i) => {
    const t = c.type?.toUpperCase();
    const v = `r[${i}]`;
    const value =
      t === 'DATETIME' ? `${v} === null ? null : new Date(${v})` : t === 'BOOLEAN' ? `${v} === null ? null : ${v} === 1` : v;
    return `${JSON.stringify(c.name)}: ${value}`;
  });
  return new Function('r', `return { ${fields.join(', ')} };`) as RowBuilder;
}

const BEGIN = rawSql('BEGIN IMMEDIATE');
const COMMIT = rawSql('COMMIT');
const ROLLBACK = rawSql('ROLLBACK');

export function sqliteSql(connect: () => Promise<SqliteHandle>): Sql {
  let handle: SqliteHandle | null = null;
  const cache = new Map<string, Prepared>();
  const ready = async () => (handle ??= await connect());

  const prepare = (h: SqliteHandle, text: string): Prepared => {
    let p = cache.get(text);
    if (!p) {
      const stmt = h.client.prepare(text);
      // the connection defaults to BigInt (Prisma asks for it); ids and counts here fit in a double
      if (stmt.reader) stmt.safeIntegers(false).raw(true);
      p = { stmt, build: stmt.reader ? rowBuilder(stmt) : null };
      if (cache.size > 500) cache.clear();
      cache.set(text, p);
    }
    return p;
  };

  const exec = {
    all<T>(h: SqliteHandle, q: SqlQuery): T[] {
      const p = prepare(h, q.sql);
      if (!p.build) {
        p.stmt.run(...q.values.map(sqliteParam)); // a statement without a result (e.g. an UPDATE passed to all)
        return [];
      }
      return (p.stmt.all(...q.values.map(sqliteParam)) as unknown[][]).map(p.build) as T[];
    },
    run(h: SqliteHandle, q: SqlQuery): number {
      const p = prepare(h, q.sql);
      return p.stmt.run(...q.values.map(sqliteParam)).changes;
    },
  };

  // a statement runs synchronously: when nobody holds the lock it can run at once
  const locked = async <T>(f: (h: SqliteHandle) => T): Promise<T> => {
    const h = handle ?? (await ready());
    try {
      return h.lock.isLocked() ? await h.lock.runExclusive(() => f(h)) : f(h);
    } catch (e) {
      throw sqlError(e);
    }
  };

  const clientOn = (h: SqliteHandle): SqlClient => ({
    kind: 'sqlite',
    all: async (q) => {
      try {
        return exec.all(h, q);
      } catch (e) {
        throw sqlError(e);
      }
    },
    one: async (q) => {
      try {
        return exec.all<never>(h, q)[0];
      } catch (e) {
        throw sqlError(e);
      }
    },
    run: async (q) => {
      try {
        return exec.run(h, q);
      } catch (e) {
        throw sqlError(e);
      }
    },
  });

  return {
    kind: 'sqlite',
    all: (q) => locked((h) => exec.all(h, q)),
    one: (q) => locked((h) => exec.all<never>(h, q)[0]),
    run: (q) => locked((h) => exec.run(h, q)),
    async transaction(fn) {
      const h = await ready();
      const release = await h.lock.acquire();
      try {
        exec.run(h, BEGIN);
      } catch (e) {
        release();
        throw sqlError(e);
      }
      try {
        const result = await fn(clientOn(h));
        exec.run(h, COMMIT);
        return result;
      } catch (e) {
        if (h.client.inTransaction) exec.run(h, ROLLBACK);
        throw sqlError(e);
      } finally {
        release();
      }
    },
  };
}

// --- PostgreSQL -----------------------------------------------------------------

const TIMESTAMP_OID = 1114; // timestamp(3) without time zone: Prisma stores UTC
const INT8_OID = 20; // COUNT(*) and SUM(): counts here stay far below 2^53

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

// a Date would be sent in the server's local time zone, which timestamp(3) would keep as is
const pgParam = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

/**
 * Named (server-side prepared) statements: PostgreSQL plans an unnamed
 * statement on every call, and planning the order list's nine-table join takes
 * ~12 ms against ~1 ms to run it. A named one is planned per connection and its
 * plan reused. The name is the text's hash, so one text is one statement.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `ejia_${crypto.createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size > 2000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

export function postgresSql(pool: pg.Pool): Sql {
  const on = (c: pg.Pool | pg.PoolClient): SqlClient => {
    const query = async (q: SqlQuery) => {
      try {
        return await c.query({ name: statementName(q.text), text: q.text, values: q.values.map(pgParam), types: pgTypes });
      } catch (e) {
        throw sqlError(e);
      }
    };
    return {
      kind: 'postgres',
      all: async <T>(q: SqlQuery) => (await query(q)).rows as T[],
      one: async <T>(q: SqlQuery) => (await query(q)).rows[0] as T | undefined,
      run: async (q) => (await query(q)).rowCount ?? 0,
    };
  };
  return {
    ...on(pool),
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw sqlError(e);
      }
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw sqlError(e);
      } finally {
        client.release();
      }
    },
  };
}
