// One Prisma client type for both databases. SQLite (the embedded default) uses
// the client generated from prisma/schema; PostgreSQL uses the twin generated from
// the derived prisma/postgres/schema (scripts/postgres-schema.ts). Their APIs are
// the same, so the rest of the server sees one `Db`.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaClient } from '@prisma/client';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { Mutex } from 'async-mutex';
import pg from 'pg';
import { cacheQueryPlans } from './queryPlans.js';
import { postgresSql, sqliteSql, type DbKind, type Sql, type SqlClient, type SqliteHandle } from './sql.js';

export type Db = PrismaClient;
/** A client or the handle of an interactive transaction. */
export type DbTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type { DbKind } from './sql.js';

export const dbKindOf = (databaseUrl: string): DbKind => (/^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite');

/** Which database a client (or transaction handle) talks to, for the few places that need dialect-specific SQL. */
export const kindOf = (db: DbTx): DbKind => ((db as { _activeProvider?: string })._activeProvider === 'postgresql' ? 'postgres' : 'sqlite');

const require = createRequire(import.meta.url);

/**
 * Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a burst
 * that queues on one hot row (the last bags of rice) into failures; these let it
 * queue. Past them the request gets 503 + Retry-After (server/errors.ts).
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 };

/** The hand-written-SQL handle (server/sql.ts) of each client, on the same connections. */
const sqlHandles = new WeakMap<object, Sql>();

/**
 * Settings of every PostgreSQL session the server opens. The default random_page_cost (4) prices
 * an index lookup as a disk seek; on SSD-backed servers with the hot data in memory that made the
 * order lists hash whole Building and ServiceCategory tables to name 30 orders (tests/scale/plans.md).
 * An `options` parameter in DATABASE_URL replaces these.
 */
export const POSTGRES_SESSION_OPTIONS = '-c random_page_cost=1.1';

/** The folders of the two generated clients (their compilers are what server/queryPlans.ts caches). */
const clientDirs = {
  sqlite: () => path.dirname(require.resolve('.prisma/client/index.js')),
  postgres: () => path.dirname(require.resolve('../prisma/postgres/client/index.js')),
};

/**
 * `cachePlans: false` (QUERY_PLAN_CACHE=off) leaves Prisma compiling every query, for measuring the
 * cache against it; it holds for the process only if no client before it cached (the cache is put
 * on the compiler's class).
 */
export function createDb(databaseUrl: string, opts: { poolSize?: number; onPoolError?: (err: Error) => void; cachePlans?: boolean } = {}): Db {
  let db: Db;
  if (opts.cachePlans !== false) cacheQueryPlans(clientDirs[dbKindOf(databaseUrl)]());
  if (dbKindOf(databaseUrl) === 'postgres') {
    const { PrismaClient: PgPrismaClient } = require('../prisma/postgres/client/index.js') as { PrismaClient: typeof PrismaClient };
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      options: POSTGRES_SESSION_OPTIONS,
    });
    // an idle connection the server ended (a restart, a failover) is dropped from the pool and
    // replaced on next use; unheard, its 'error' event would end the process
    pool.on('error', (err) => opts.onPoolError?.(err));
    // the adapter ends the pool with the client (disposeExternalPool)
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    db = new PgPrismaClient({ adapter, errorFormat: 'minimal', transactionOptions: TRANSACTION_OPTIONS });
    sqlHandles.set(db, postgresSql(pool));
  } else {
    const file = databaseUrl.slice('file:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
    let opened: ((h: SqliteHandle) => void) | null = null;
    const handle = new Promise<SqliteHandle>((resolve) => (opened = resolve));
    const client: Db = new PrismaClient({ adapter: serialiseSqlite(factory, (h) => opened!(h)), errorFormat: 'minimal', transactionOptions: TRANSACTION_OPTIONS });
    db = client;
    sqlHandles.set(db, sqliteSql(async () => {
      await client.$connect(); // opens the connection (once) and hands it over
      return handle;
    }));
  }
  return db;
}

/**
 * The same SQL run through a Prisma client or interactive transaction, for code
 * written once in SQL (the points ledger) that is also called inside Prisma
 * transactions. It pays Prisma's per-query cost; the hot paths use sqlOf instead.
 */
export function sqlOn(tx: DbTx): SqlClient {
  const kind = kindOf(tx);
  const text = (q: { sql: string; text: string }) => (kind === 'postgres' ? q.text : q.sql);
  return {
    kind,
    all: async <T>(q: Parameters<SqlClient['all']>[0]) => (await tx.$queryRawUnsafe(text(q), ...q.values)) as T[],
    one: async <T>(q: Parameters<SqlClient['one']>[0]) => ((await tx.$queryRawUnsafe(text(q), ...q.values)) as T[])[0],
    run: (q) => tx.$executeRawUnsafe(text(q), ...q.values),
  };
}

/** Hand-written SQL on `db`'s own connections (server/sql.ts says when to use it). */
export function sqlOf(db: Db): Sql {
  const s = sqlHandles.get(db);
  if (!s) throw new Error('sqlOf: not a client made by createDb');
  return s;
}

/** A database URL fit for a log line: no password. */
export function redactDatabaseUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^(postgres(?:ql)?:\/\/[^:/@]*):[^@]*@/, '$1:***@');
}

/**
 * SQLite: WAL lets readers proceed while one writer commits; NORMAL sync is
 * durable in WAL mode across app crashes. PostgreSQL needs nothing here.
 */
export async function tuneSqlite(db: Db): Promise<void> {
  if (kindOf(db) !== 'sqlite') return;
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
}

/**
 * better-sqlite3 is one connection. The Prisma adapter takes a mutex for
 * interactive transactions, but plain queries from other requests do not wait
 * for it, so they would run *inside* someone else's open transaction (and be
 * rolled back with it). This wrapper makes plain queries wait while a
 * transaction is open, which gives every transaction real isolation.
 */
function serialiseSqlite(inner: SqlDriverAdapterFactory, opened: (h: SqliteHandle) => void): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      const lock = new Mutex();
      // the adapter's better-sqlite3 connection (not a public field, hence the check)
      const client = (adapter as unknown as { client?: SqliteHandle['client'] }).client;
      if (!client || typeof client.prepare !== 'function') throw new Error('the better-sqlite3 adapter no longer exposes its connection');
      opened({ client, lock });
      const wrapped: SqlDriverAdapter = Object.create(adapter);
      wrapped.queryRaw = (q: SqlQuery) => lock.runExclusive(() => adapter.queryRaw(q));
      wrapped.executeRaw = (q: SqlQuery) => lock.runExclusive(() => adapter.executeRaw(q));
      wrapped.executeScript = (s: string) => lock.runExclusive(() => adapter.executeScript(s));
      wrapped.startTransaction = async (isolation) => {
        const release = await lock.acquire();
        try {
          const tx: Transaction = await adapter.startTransaction(isolation);
          const { commit, rollback } = tx;
          let done = false;
          const finish = () => {
            if (!done) { done = true; release(); }
          };
          tx.commit = async () => { try { await commit.call(tx); } finally { finish(); } };
          tx.rollback = async () => { try { await rollback.call(tx); } finally { finish(); } };
          return tx;
        } catch (e) {
          release();
          throw e;
        }
      };
      return wrapped;
    },
  };
}

/**
 * The Prisma error code of `e`, if it is a known request error. Not `instanceof`:
 * each generated client (SQLite, PostgreSQL) carries its own copy of Prisma's
 * runtime, so the error classes of one are not those of the other.
 */
export function prismaErrorCode(e: unknown): string | undefined {
  const name = e && typeof e === 'object' ? (e as Error).name : undefined;
  // SqlError (server/sql.ts) carries the Prisma code of the same refusal
  if (name === 'SqlError') return (e as { code?: string }).code;
  if (name !== 'PrismaClientKnownRequestError') return undefined;
  const err = e as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  // a raw query (sqlOn) that hit a unique index fails as P2010 with the adapter's reason inside
  if (err.code === 'P2010' && err.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation') return 'P2002';
  return err.code;
}

/** A unique constraint refused the write (someone else got there first). */
export const isUniqueViolation = (e: unknown): boolean => prismaErrorCode(e) === 'P2002';
