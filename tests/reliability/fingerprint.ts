// A cheap picture of what is in the database: the row count of every table
// (the rate-limit counters excepted: counting a refused request is their job).
// Equal pictures before and after a refused request mean nothing was added or
// removed; tests that refuse an update also compare the object's own row.
import { Prisma } from '@prisma/client';
import type { Db } from '../../server/db.js';

const MODELS = Object.values(Prisma.ModelName).filter((m) => m !== 'RateLimitWindow');

// One statement for all tables (standard SQL, the same on SQLite and PostgreSQL:
// Prisma's tables are named after the models), instead of one count() per model.
const COUNT_ALL = `SELECT ${MODELS.map((m) => `(SELECT COUNT(*) FROM "${m}") AS "${m}"`).join(', ')}`;

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const [row] = await db.$queryRawUnsafe<Array<Record<string, number | bigint>>>(COUNT_ALL);
  return Object.fromEntries(MODELS.map((m) => [m, Number(row![m])]));
}

/** The tables whose counts differ between two pictures, with before → after. */
export function changedTables(before: Record<string, number>, after: Record<string, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of Object.keys(before)) if (before[m] !== after[m]) out[m] = `${before[m]} → ${after[m]}`;
  return out;
}
