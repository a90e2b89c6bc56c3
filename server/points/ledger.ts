// The only code that writes points entries. Each entry and the household's
// running balance move together, inside the caller's transaction; a debit that
// would take the balance below zero is refused by a conditional update, so
// concurrent redemptions can never overdraw.
import type { PointsEntryKind } from '@prisma/client';
import type { DbTx } from '../db.js';
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

/** Books one entry and moves the balance by its amount. Throws InsufficientPoints for an overdraft. */
/**
 * Takes the household's account row lock for the rest of the transaction, so that
 * checks made after it (a per-household shop limit) cannot race another
 * transaction of the same household on PostgreSQL. (SQLite runs one at a time.)
 */
export async function lockHouseholdAccount(tx: DbTx, householdId: string): Promise<void> {
  await tx.pointsAccount.updateMany({ where: { householdId }, data: { balance: { increment: 0 } } });
}

export async function bookEntry(tx: DbTx, e: EntryInput): Promise<void> {
  if (!Number.isInteger(e.amount) || e.amount === 0) throw new Error(`points entry amount must be a non-zero integer, got ${e.amount}`);
  if (e.amount > 0) {
    await tx.pointsAccount.upsert({
      where: { householdId: e.householdId },
      create: { householdId: e.householdId, communityId: e.communityId, balance: e.amount },
      update: { balance: { increment: e.amount } },
    });
  } else {
    const debited = await tx.pointsAccount.updateMany({
      where: { householdId: e.householdId, balance: { gte: -e.amount } },
      data: { balance: { decrement: -e.amount } },
    });
    if (debited.count !== 1) throw new InsufficientPoints();
  }
  await tx.pointsEntry.create({
    data: {
      communityId: e.communityId,
      householdId: e.householdId,
      kind: e.kind,
      amount: e.amount,
      reason: e.reason,
      reference: e.reference,
      residentId: e.residentId ?? null,
      ruleId: e.ruleId ?? null,
      redemptionId: e.redemptionId ?? null,
      grantedById: e.grantedById ?? null,
      createdAt: e.at,
    },
  });
}
