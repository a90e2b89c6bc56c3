// Job postings: staff publish them, residents browse them, newest and nearest first.
import type { JobKind, JobPosting, Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { canManageJobs, homeCommunity } from '../policies/index.js';
import { currentTradesOf } from './ledger.js';
import type { CreateJobBody, ListJobsQuery, UpdateJobBody } from './schemas.js';
import { parseTrades, tradesOverlap } from './trades.js';

/** Nearest first: the estate's workshop, then the county, public-welfare posts, then work far away. */
export const NEAREST: Record<JobKind, number> = { workshop: 0, public_welfare: 1, local: 2, outbound: 3 };

/** `interested`: whether the viewer registered; `interestedCount`: how many did. */
export function presentJob(j: JobPosting & { _count?: { interests: number } }, extra: { matchesMe?: boolean; interested?: boolean } = {}) {
  return {
    id: j.id,
    employer: j.employer,
    title: j.title,
    kind: j.kind,
    location: j.location,
    pay: { min: j.payMin, max: j.payMax, unit: j.payUnit },
    headcount: j.headcount,
    requirements: j.requirements,
    contact: j.contact,
    trades: parseTrades(j.trades),
    deadline: j.deadline,
    status: j.status,
    createdAt: j.createdAt,
    ...(j._count ? { interestedCount: j._count.interests } : {}),
    ...extra,
  };
}

export function staffCommunityForJobs(v: Viewer): string {
  const communityId = homeCommunity(v);
  if (!communityId || !canManageJobs(v, communityId)) throw forbidden('only community staff manage jobs and training');
  return communityId;
}

export async function createJob(deps: Deps, v: Viewer, body: CreateJobBody) {
  const communityId = staffCommunityForJobs(v);
  const now = deps.clock();
  const job = await deps.db.jobPosting.create({
    data: { ...body, trades: JSON.stringify(body.trades), communityId, createdById: v.userId, createdAt: now, updatedAt: now },
  });
  deps.events.emit('job.posted', { jobId: job.id, communityId, title: job.title, employer: job.employer, kind: job.kind, createdById: v.userId });
  return presentJob(job);
}

async function jobOfStaff(deps: Deps, v: Viewer, id: string) {
  const job = await deps.db.jobPosting.findFirst({ where: { id, communityId: staffCommunityForJobs(v) } });
  if (!job) throw notFound('job');
  return job;
}

export async function updateJob(deps: Deps, v: Viewer, id: string, body: UpdateJobBody) {
  const job = await jobOfStaff(deps, v, id);
  const merged = { min: body.payMin !== undefined ? body.payMin : job.payMin, max: body.payMax !== undefined ? body.payMax : job.payMax };
  if (merged.min != null && merged.max != null && merged.min > merged.max) {
    throw new AppError('invalid_request', 'body.payMax: must not be below payMin', [{ path: 'body.payMax', message: 'must not be below payMin' }]);
  }
  const { trades, ...rest } = body;
  const updated = await deps.db.jobPosting.update({
    where: { id },
    data: { ...rest, ...(trades ? { trades: JSON.stringify(trades) } : {}), updatedAt: deps.clock() },
  });
  return presentJob(updated);
}

export async function closeJob(deps: Deps, v: Viewer, id: string) {
  await jobOfStaff(deps, v, id);
  const now = deps.clock();
  const done = await deps.db.jobPosting.updateMany({ where: { id, status: 'open' }, data: { status: 'closed', closedAt: now, updatedAt: now } });
  if (done.count !== 1) throw new AppError('invalid_transition', 'the posting is already closed');
  return presentJob(await deps.db.jobPosting.findUniqueOrThrow({ where: { id } }));
}

/**
 * Open postings of the viewer's community: for someone seeking work, the ones
 * that fit their trades first; then nearest; then newest.
 */
export async function listJobs(deps: Deps, v: Viewer, q: ListJobsQuery) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  const now = deps.clock();
  const where: Prisma.JobPostingWhereInput = { communityId };
  if (!(q.all && canManageJobs(v, communityId))) {
    where.status = 'open';
    where.OR = [{ deadline: null }, { deadline: { gte: now } }];
  }
  if (q.kind) where.kind = q.kind;
  const jobs = await deps.db.jobPosting.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { _count: { select: { interests: true } } },
    take: 500,
  });
  const mine = v.resident ? await currentTradesOf(deps, v.resident.id) : [];
  const interested = v.resident
    ? new Set((await deps.db.jobInterest.findMany({ where: { residentId: v.resident.id, jobId: { in: jobs.map((j) => j.id) } }, select: { jobId: true } })).map((i) => i.jobId))
    : new Set<string>();
  return jobs
    .map((j) => ({ j, match: mine.length > 0 && tradesOverlap(parseTrades(j.trades), mine) }))
    .sort((a, b) => Number(b.match) - Number(a.match) || NEAREST[a.j.kind] - NEAREST[b.j.kind] || b.j.createdAt.getTime() - a.j.createdAt.getTime())
    .slice(0, q.limit)
    .map(({ j, match }) => presentJob(j, { matchesMe: match, interested: interested.has(j.id) }));
}

export async function getJob(deps: Deps, v: Viewer, id: string) {
  const communityId = homeCommunity(v);
  const job = await deps.db.jobPosting.findFirst({ where: { id, communityId: communityId ?? '' }, include: { _count: { select: { interests: true } } } });
  if (!job) throw notFound('job');
  const mine = v.resident ? await deps.db.jobInterest.findUnique({ where: { jobId_residentId: { jobId: id, residentId: v.resident.id } } }) : null;
  return presentJob(job, { interested: mine !== null });
}
