// The only code that writes points entries. Each entry and the household's
// running balance move together, inside the caller's transaction; a debit that
// would take the balance below zero is refused by a conditional update, so
// concurrent redemptions can never overdraw.
import type { PointsEntryKind } from '@prisma/client';
import { newId } from '../ids.js';
import { raw, sql, type SqlClient } from '../sql.js';
import { AppError } from '../errors.js';

export interface EntryInput {
  communityId: string;
  householdId: string;
  kind: PointsEntryKind;
  amount: number;
  reason: string;
  reference: string;
  at: Date;
  residentId?: string | null;
  ruleId?: string | null;
  redemptionId?: string | null;
  grantedById?: string | null;
}

export class InsufficientPoints extends AppError {
  constructor() {
    super('conflict', 'not enough points', undefined, 'insufficient_points');
  }
}

/**
 * Takes the household's account row lock for the rest of the transaction, so that
 * checks made after it (a per-household shop limit) cannot race another
 * transaction of the same household on PostgreSQL. (SQLite runs one at a time.)
 */
export async function lockHouseholdAccount(tx: SqlClient, householdId: string): Promise<void> {
  await tx.run(sql`UPDATE "PointsAccount" SET balance = balance WHERE "householdId" = ${householdId}`);
}

const ENTRY_COLUMNS = raw(
  `"PointsEntry" (id, "communityId", "householdId", kind, amount, reason, reference, "residentId", "ruleId", "redemptionId", "grantedById", "createdAt")`,
);

/**
 * Books one entry and moves the balance by its amount. Throws InsufficientPoints
 * for an overdraft. In SQL, so that a redemption (server/shop) and the other
 * writers of points share this one ledger, in the caller's transaction.
 */
export async function bookEntry(tx: SqlClient, e: EntryInput): Promise<void> {
  if (!Number.isInteger(e.amount) || e.amount === 0) throw new Error(`points entry amount must be a non-zero integer, got ${e.amount}`);
  const entry = sql`${newId()}, ${e.communityId}, ${e.householdId}, ${e.kind}, ${e.amount}, ${e.reason}, ${e.reference},
            ${e.residentId ?? null}, ${e.ruleId ?? null}, ${e.redemptionId ?? null}, ${e.grantedById ?? null}, ${e.at}`;
  if (e.amount < 0 && tx.kind === 'postgres') {
    // the debit and its entry in one statement: the entry is written only if the balance covered it
    const booked = await tx.run(sql`
      WITH debited AS (
        UPDATE "PointsAccount" SET balance = balance - ${-e.amount}, "updatedAt" = ${e.at}
        WHERE "householdId" = ${e.householdId} AND balance >= ${-e.amount} RETURNING 1)
      INSERT INTO ${ENTRY_COLUMNS} SELECT ${entry} FROM debited`);
    if (booked !== 1) throw new InsufficientPoints();
    return;
  }
  if (e.amount > 0) {
    await tx.run(sql`
      INSERT INTO "PointsAccount" ("householdId", "communityId", balance, "updatedAt") VALUES (${e.householdId}, ${e.communityId}, ${e.amount}, ${e.at})
      ON CONFLICT ("householdId") DO UPDATE SET balance = "PointsAccount".balance + ${e.amount}, "updatedAt" = ${e.at}`);
  } else {
    const debited = await tx.run(sql`
      UPDATE "PointsAccount" SET balance = balance - ${-e.amount}, "updatedAt" = ${e.at}
      WHERE "householdId" = ${e.householdId} AND balance >= ${-e.amount}`);
    if (debited !== 1) throw new InsufficientPoints();
  }
  await tx.run(sql`INSERT INTO ${ENTRY_COLUMNS} VALUES (${entry})`);
}
