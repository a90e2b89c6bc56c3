// The jobs domain's tables, JobPosting and JobInterest: every read and write of
// them, with Prisma. Interests join the people they name (residents and their
// homes) from the org domain's tables; nothing here writes those.
import type { InterestOutcome, Prisma } from '@prisma/client';
import type { DbTx } from '../db.js';

// ---- postings --------------------------------------------------------------------

const withInterestCount = { _count: { select: { interests: true } } } satisfies Prisma.JobPostingInclude;

export const insertPosting = (db: DbTx, data: Prisma.JobPostingUncheckedCreateInput) => db.jobPosting.create({ data });

/** A posting of the community (null for another community's: not found). */
export const findPosting = (db: DbTx, id: string, communityId: string) => db.jobPosting.findFirst({ where: { id, communityId } });

export const findPostingWithCount = (db: DbTx, id: string, communityId: string) =>
  db.jobPosting.findFirst({ where: { id, communityId }, include: withInterestCount });

export const updatePosting = (db: DbTx, id: string, data: Prisma.JobPostingUncheckedUpdateInput) => db.jobPosting.update({ where: { id }, data });

/** Closes an open posting; false when it was closed already. */
export async function closePosting(db: DbTx, id: string, now: Date): Promise<boolean> {
  const done = await db.jobPosting.updateMany({ where: { id, status: 'open' }, data: { status: 'closed', closedAt: now, updatedAt: now } });
  return done.count === 1;
}

export const postingById = (db: DbTx, id: string) => db.jobPosting.findUniqueOrThrow({ where: { id } });

/** Postings matching `where`, newest first, with how many registered (at most 500). */
export const postingsWithCounts = (db: DbTx, where: Prisma.JobPostingWhereInput) =>
  db.jobPosting.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], include: withInterestCount, take: 500 });

/** One page of postings matching `where`, in the order asked (ties newest first), with how many registered, and how many match. */
export async function postingsPage(db: DbTx, where: Prisma.JobPostingWhereInput, orderBy: Prisma.JobPostingOrderByWithRelationInput, skip: number, take: number) {
  const [rows, total] = await Promise.all([
    db.jobPosting.findMany({ where, orderBy: [orderBy, { createdAt: 'desc' }, { id: 'desc' }], include: withInterestCount, skip, take }),
    db.jobPosting.count({ where }),
  ]);
  return { rows, total };
}

/** How many were hired from each of `jobIds`. */
export async function hiredCounts(db: DbTx, jobIds: string[]): Promise<Map<string, number>> {
  const rows = await db.jobInterest.groupBy({ by: ['jobId'], where: { jobId: { in: jobIds }, outcome: 'hired' }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.jobId, r._count._all]));
}

/** The community's postings open now (no deadline, or one not passed), newest first. */
export const openPostings = (db: DbTx, communityId: string, now: Date, take: number) =>
  db.jobPosting.findMany({
    where: { communityId, status: 'open', OR: [{ deadline: null }, { deadline: { gte: now } }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });

/** Postings by name, for other domains: those of `ids`, or all of a community, or both. */
export const jobSummaries = (db: DbTx, where: { ids?: string[]; communityId?: string }) =>
  db.jobPosting.findMany({
    where: { ...(where.ids ? { id: { in: where.ids } } : {}), ...(where.communityId ? { communityId: where.communityId } : {}) },
    select: { id: true, title: true, employer: true },
  });

// ---- interests -------------------------------------------------------------------

/** A second registration is the first one again. */
export const upsertInterest = (db: DbTx, data: Prisma.JobInterestUncheckedCreateInput) =>
  db.jobInterest.upsert({ where: { jobId_residentId: { jobId: data.jobId, residentId: data.residentId } }, create: data, update: {} });

export const interestOf = (db: DbTx, jobId: string, residentId: string) =>
  db.jobInterest.findUnique({ where: { jobId_residentId: { jobId, residentId } } });

/** Which of `jobIds` the resident registered for. */
export async function jobsInterestedIn(db: DbTx, residentId: string, jobIds: string[]): Promise<Set<string>> {
  const rows = await db.jobInterest.findMany({ where: { residentId, jobId: { in: jobIds } }, select: { jobId: true } });
  return new Set(rows.map((i) => i.jobId));
}

export const interestsOfResident = (db: DbTx, residentId: string) =>
  db.jobInterest.findMany({
    where: { residentId },
    include: { job: { select: { id: true, title: true, employer: true, status: true } } },
    orderBy: { createdAt: 'desc' },
  });

export const interestsInJob = (db: DbTx, jobId: string) =>
  db.jobInterest.findMany({
    where: { jobId },
    include: {
      resident: {
        select: {
          id: true,
          name: true,
          phone: true,
          gender: true,
          birthYear: true,
          // where they live: the home shown, and the place the viewer's relations to them are decided from
          household: {
            select: { id: true, communityId: true, buildingId: true, room: true, unit: { select: { name: true } }, building: { select: { name: true, gridId: true } } },
          },
        },
      },
    },
    orderBy: { createdAt: 'asc' },
  });

export type InterestRow = Awaited<ReturnType<typeof interestsInJob>>[number];

export const findInterestWithJob = (tx: DbTx, id: string, jobId: string, communityId: string) =>
  tx.jobInterest.findFirst({ where: { id, jobId, communityId }, include: { job: true } });

export const setOutcome = (tx: DbTx, id: string, outcome: InterestOutcome, at: Date, byId: string) =>
  tx.jobInterest.update({ where: { id }, data: { outcome, outcomeAt: at, outcomeById: byId } });
