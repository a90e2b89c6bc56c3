import fs from 'node:fs';
import path from 'node:path';
import { PrismaClient } from '@prisma/client';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
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

export function createDb(databaseUrl: string): Db {
  const file = databaseUrl.slice('file:'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 10_000 });
  return new PrismaClient({ adapter: serialiseSqlite(factory) });
}

/** WAL lets readers proceed while one writer commits; NORMAL sync is durable in WAL mode across app crashes. */
export async function tuneSqlite(db: Db): Promise<void> {
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
