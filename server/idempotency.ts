// Idempotency-Key handling for requests that must never happen twice (a
// redemption spends points). The record is written in the same transaction as
// the work, so a retry either finds it and gets the first answer, or finds
// nothing and the work was never done. Only successful answers are kept: a
// refused request (say, not enough points) may be retried with the same key.
import crypto from 'node:crypto';
import type { Deps } from './context.js';
import { isUniqueViolation } from './db.js';
import { newId } from './ids.js';
import { sql, type SqlClient } from './sql.js';
import { AppError, badRequest } from './errors.js';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

export function requireIdempotencyKey(header: string | undefined): string {
  if (!header) throw badRequest('headers.idempotency-key', 'required: a unique key per redemption, reused only to retry it');
  if (!KEY.test(header)) throw badRequest('headers.idempotency-key', '8–100 letters, digits or _.:-');
  return header;
}

function fingerprint(body: unknown): string {
  const stable = JSON.stringify(body, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
  return crypto.createHash('sha256').update(stable).digest('hex');
}

export async function idempotent<T>(
  deps: Deps,
  p: { scope: string; userId: string; key: string; request: unknown },
  /**
   * The work, in the transaction that claims the key. `lastWrite`, if given, runs
   * after the answer is recorded, right before the commit: the write to the row
   * every request competes for (an item's stock), so its lock is held for that
   * statement and the commit only.
   */
  work: (tx: SqlClient) => Promise<{ status: number; body: T; lastWrite?: () => Promise<void> }>,
): Promise<IdempotentResult<T>> {
  const requestHash = fingerprint(p.request);
  const replay = (rec: { requestHash: string; status: number; response: string }): IdempotentResult<T> => {
    if (rec.requestHash !== requestHash) {
      throw new AppError('conflict', 'Idempotency-Key was already used for a different request');
    }
    return { status: rec.status, body: JSON.parse(rec.response) as T, replayed: true };
  };
  const find = () =>
    deps.sql.one<{ requestHash: string; status: number; response: string }>(sql`
      SELECT "requestHash", status, response FROM "IdempotencyRecord" WHERE scope = ${p.scope} AND "userId" = ${p.userId} AND key = ${p.key}`);

  try {
    const result = await deps.sql.transaction(async (tx) => {
      // The key is claimed before the work, in the work's transaction. A key used before
      // finds its record at once; a simultaneous request with the same key waits on the
      // unique index until the first one commits (PostgreSQL; SQLite runs one transaction
      // at a time) and then finds its answer; if the first was refused and rolled back,
      // this one does the work.
      const id = newId();
      const claimed = await tx.run(sql`
        INSERT INTO "IdempotencyRecord" (id, scope, "userId", key, "requestHash", status, response, "createdAt")
        VALUES (${id}, ${p.scope}, ${p.userId}, ${p.key}, ${requestHash}, 0, '', ${deps.clock()})
        ON CONFLICT (scope, "userId", key) DO NOTHING`);
      if (claimed !== 1) throw new KeyUsed();
      const { lastWrite, ...r } = await work(tx);
      await tx.run(sql`UPDATE "IdempotencyRecord" SET status = ${r.status}, response = ${JSON.stringify(r.body)} WHERE id = ${id}`);
      await lastWrite?.();
      return r;
    });
    return { ...result, replayed: false };
  } catch (e) {
    if (e instanceof KeyUsed || isUniqueViolation(e)) {
      const earlier = await find();
      if (earlier) return replay(earlier);
    }
    throw e;
  }
}

/** The key has a record already: answer from it (after the claim's transaction rolled back). */
class KeyUsed extends Error {}
