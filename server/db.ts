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

export type Db = PrismaClient;
/** A client or the handle of an interactive transaction. */
export type DbTx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type DbKind = 'sqlite' | 'postgres';

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

export function createDb(databaseUrl: string, opts: { poolSize?: number } = {}): Db {
  let db: Db;
  if (dbKindOf(databaseUrl) === 'postgres') {
    const { PrismaClient: PgPrismaClient } = require('../prisma/postgres/client/index.js') as { PrismaClient: typeof PrismaClient };
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    db = new PgPrismaClient({ adapter, errorFormat: 'minimal', transactionOptions: TRANSACTION_OPTIONS });
  } else {
    const file = databaseUrl.slice('file:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
    db = new PrismaClient({ adapter: serialiseSqlite(factory), errorFormat: 'minimal', transactionOptions: TRANSACTION_OPTIONS });
  }
  return db;
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
function serialiseSqlite(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      const lock = new Mutex();
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
  if (e && typeof e === 'object' && (e as Error).name === 'PrismaClientKnownRequestError') return (e as { code?: string }).code;
  return undefined;
}

/** A unique constraint refused the write (someone else got there first). */
export const isUniqueViolation = (e: unknown): boolean => prismaErrorCode(e) === 'P2002';
