// One tap: "I'm interested". Staff see who registered, call them, and mark the outcome;
// a hire goes straight into the employment ledger.
import type { EmploymentStatus, JobKind } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { recordSituation, STATUS_LABELS } from './ledger.js';
import { staffCommunityForJobs } from './postings.js';
import { parseTrades, tradesOverlap } from './trades.js';

const STATUS_FOR_KIND: Record<JobKind, EmploymentStatus> = {
  workshop: 'employed_local',
  local: 'employed_local',
  public_welfare: 'public_welfare',
  outbound: 'employed_outbound',
};

export async function registerInterest(deps: Deps, v: Viewer, jobId: string) {
  const me = v.resident;
  if (!me) throw forbidden('this account is not linked to a household yet');
  const job = await deps.db.jobPosting.findFirst({ where: { id: jobId, communityId: me.communityId } });
  if (!job) throw notFound('job');
  const now = deps.clock();
  if (job.status !== 'open' || (job.deadline && job.deadline < now)) throw new AppError('invalid_transition', 'this posting is closed');
  // a second tap is not an error: the interest is already there
  const interest = await deps.db.jobInterest.upsert({
    where: { jobId_residentId: { jobId, residentId: me.id } },
    create: { communityId: me.communityId, jobId, residentId: me.id, householdId: me.householdId, createdAt: now },
    update: {},
  });
  return { id: interest.id, jobId, outcome: interest.outcome, registeredAt: interest.createdAt };
}

export async function myInterests(deps: Deps, v: Viewer) {
  if (!v.resident) return [];
  const rows = await deps.db.jobInterest.findMany({
    where: { residentId: v.resident.id },
    include: { job: { select: { id: true, title: true, employer: true, status: true } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((r) => ({ id: r.id, job: r.job, outcome: r.outcome, registeredAt: r.createdAt }));
}

/** Staff: who registered, with a phone to call them back. */
export async function listInterests(deps: Deps, v: Viewer, jobId: string) {
  const communityId = staffCommunityForJobs(v);
  const job = await deps.db.jobPosting.findFirst({ where: { id: jobId, communityId } });
  if (!job) throw notFound('job');
  const rows = await deps.db.jobInterest.findMany({
    where: { jobId },
    include: {
      resident: {
        select: {
          id: true,
          name: true,
          phone: true,
          gender: true,
          birthYear: true,
          household: { select: { room: true, unit: { select: { name: true } }, building: { select: { name: true } } } },
        },
      },
    },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => ({
    id: r.id,
    resident: {
      id: r.resident.id,
      name: r.resident.name,
      phone: r.resident.phone,
      gender: r.resident.gender,
      birthYear: r.resident.birthYear,
      home: `${r.resident.household.building.name} ${r.resident.household.unit.name} ${r.resident.household.room}`,
    },
    outcome: r.outcome,
    registeredAt: r.createdAt,
  }));
}

export async function recordOutcome(deps: Deps, v: Viewer, jobId: string, interestId: string, outcome: 'hired' | 'not_hired', recordEmployment: boolean) {
  const communityId = staffCommunityForJobs(v);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const interest = await tx.jobInterest.findFirst({ where: { id: interestId, jobId, communityId }, include: { job: true } });
    if (!interest) throw notFound('interest');
    await tx.jobInterest.update({ where: { id: interest.id }, data: { outcome, outcomeAt: now, outcomeById: v.userId } });
    let employment: string | null = null;
    if (outcome === 'hired' && recordEmployment) {
      const status = STATUS_FOR_KIND[interest.job.kind];
      await recordSituation(
        tx,
        { communityId, householdId: interest.householdId, residentId: interest.residentId, recordedById: v.userId, source: 'hired', at: now },
        { status, employer: interest.job.employer, since: now },
      );
      employment = STATUS_LABELS[status];
    }
    return { id: interest.id, outcome, employmentRecorded: employment };
  });
}

/**
 * For a new posting: residents seeking work whose trades fit, so staff can call
 * them. With no trades on the posting, everyone seeking work.
 */
export async function candidatesForJob(deps: Deps, v: Viewer, jobId: string) {
  const communityId = staffCommunityForJobs(v);
  const job = await deps.db.jobPosting.findFirst({ where: { id: jobId, communityId } });
  if (!job) throw notFound('job');
  const wanted = parseTrades(job.trades);
  const seeking = await deps.db.employmentRecord.findMany({
    where: { communityId, current: true, status: 'seeking' },
    include: {
      resident: {
        select: { id: true, name: true, phone: true, birthYear: true, household: { select: { room: true, unit: { select: { name: true } }, building: { select: { name: true } } } } },
      },
    },
    orderBy: { createdAt: 'asc' },
  });
  return seeking
    .filter((r) => !wanted.length || tradesOverlap(parseTrades(r.trades), wanted))
    .map((r) => ({
      resident: {
        id: r.resident.id,
        name: r.resident.name,
        phone: r.resident.phone,
        birthYear: r.resident.birthYear,
        home: `${r.resident.household.building.name} ${r.resident.household.unit.name} ${r.resident.household.room}`,
      },
      trades: parseTrades(r.trades),
    }));
}

