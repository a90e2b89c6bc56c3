// 就业台账: each person's employment situation, with its history. A change is a
// new record (the old one stays, no longer current); recording the same thing
// again changes nothing, which is what makes a repeated import harmless.
import type { EmploymentRecord, EmploymentStatus } from '@prisma/client';
import type { DbTx } from '../db.js';
import { chinaDay } from './ledger.js';
import { currentRecordOf, replaceCurrentRecord } from './queries.js';
import { parseTrades } from './trades.js';

export interface Situation {
  status: EmploymentStatus;
  employer?: string | null;
  since?: Date | null;
  trades?: string[];
  note?: string | null;
}

const sameDay = (a: Date | null | undefined, b: Date | null | undefined) => chinaDay(a) === chinaDay(b);

const same = (r: EmploymentRecord, s: Situation) =>
  r.status === s.status &&
  (r.employer ?? null) === (s.employer ?? null) &&
  sameDay(r.since, s.since) &&
  JSON.stringify(parseTrades(r.trades).sort()) === JSON.stringify([...(s.trades ?? parseTrades(r.trades))].sort());

/**
 * Writes a person's new situation unless it is what the ledger already says.
 * Also the way other domains write the ledger (a hire through a job posting),
 * inside their own transaction.
 */
export async function recordSituation(
  tx: DbTx,
  p: { communityId: string; householdId: string; residentId: string; recordedById: string; source: string; at: Date },
  s: Situation,
): Promise<{ changed: boolean; record: EmploymentRecord }> {
  const current = await currentRecordOf(tx, p.residentId);
  if (current && same(current, s)) return { changed: false, record: current };
  const record = await replaceCurrentRecord(tx, {
    communityId: p.communityId,
    householdId: p.householdId,
    residentId: p.residentId,
    status: s.status,
    employer: s.employer ?? null,
    since: s.since ?? null,
    trades: JSON.stringify(s.trades ?? (current ? parseTrades(current.trades) : [])),
    note: s.note ?? null,
    current: true,
    source: p.source,
    recordedById: p.recordedById,
    createdAt: p.at,
  });
  return { changed: true, record };
}
