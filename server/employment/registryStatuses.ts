// The 户籍台账's 就业状态 column (server/registry/): each person's current status
// read for a whole community at once, and a confirmed import's new statuses written
// in a few statements. A status that changes is a new record, as recordSituation
// writes it (the old one stays, no longer current); the rest of the situation
// (employer, since, trades) is not in the registry sheet: trades carry over, the
// employer and date go with the old status.
import type { EmploymentStatus } from '@prisma/client';
import { sqlOn, type DbTx } from '../db.js';
import { newId } from '../ids.js';
import { bulk, sql } from '../sql.js';

/** residentId → current status, for the community's people who have one. */
export async function currentStatuses(db: DbTx, communityId: string): Promise<Map<string, EmploymentStatus>> {
  const rows = await db.employmentRecord.findMany({ where: { communityId, current: true }, select: { residentId: true, status: true } });
  return new Map(rows.map((r) => [r.residentId, r.status]));
}

// rows per statement: an IN list stays under the bound-parameter limit Prisma keeps to
const CHUNK = 500;

/**
 * New current statuses, inside the caller's transaction; the caller has compared them with currentStatuses.
 * `newResident`: written in this same transaction, so without a record to close or trades to carry
 * (a first import is 17,000 of them: two look-ups per 500 saved).
 */
export async function recordStatusesInBulk(
  tx: DbTx,
  p: { communityId: string; recordedById: string; source: string; at: Date },
  items: Array<{ residentId: string; householdId: string; status: EmploymentStatus; newResident?: boolean }>,
): Promise<number> {
  const s = sqlOn(tx);
  const at = s.kind === 'sqlite' ? p.at.toISOString().replace('Z', '+00:00') : p.at.toISOString();
  const current = s.kind === 'sqlite' ? 1 : true;
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const ids = chunk.filter((x) => !x.newResident).map((x) => x.residentId);
    const trades = new Map<string, string>();
    if (ids.length) {
      const before = await tx.employmentRecord.findMany({ where: { residentId: { in: ids }, current: true }, select: { residentId: true, trades: true } });
      for (const b of before) trades.set(b.residentId, b.trades);
      await tx.employmentRecord.updateMany({ where: { residentId: { in: ids }, current: true }, data: { current: false } });
    }
    // a multi-row INSERT in raw SQL: Prisma's createMany compiles each chunk in its query compiler (seconds for a community);
    // the columns and the date's stored form as Prisma writes them
    await s.run(sql`INSERT INTO "EmploymentRecord" ("id", "communityId", "householdId", "residentId", "status", "trades", "current", "source", "recordedById", "createdAt")
      VALUES ${bulk(chunk.map((x) => [newId(), p.communityId, x.householdId, x.residentId, x.status, trades.get(x.residentId) ?? '[]', current, p.source, p.recordedById, at]))}`);
  }
  return items.length;
}
