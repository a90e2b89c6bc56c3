import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { currentTradesOf, parseTrades, tradesOverlap } from '../employment/index.js';
import { canManageJobs, homeCommunity } from '../policies/index.js';
import { NEAREST, presentJob } from './presenter.js';
import { jobsInterestedIn, postingsWithCounts } from './queries.js';
import type { ListJobsQuery } from './schemas.js';

/**
 * Open postings of the viewer's community: for someone seeking work, the ones
 * that fit their trades first; then nearest; then newest. Staff may ask for the
 * closed ones too (`all`).
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
  const jobs = await postingsWithCounts(deps.db, where);
  const mine = v.resident ? await currentTradesOf(deps.db, v.resident.id) : [];
  const interested = v.resident ? await jobsInterestedIn(deps.db, v.resident.id, jobs.map((j) => j.id)) : new Set<string>();
  return jobs
    .map((j) => ({ j, match: mine.length > 0 && tradesOverlap(parseTrades(j.trades), mine) }))
    .sort((a, b) => Number(b.match) - Number(a.match) || NEAREST[a.j.kind] - NEAREST[b.j.kind] || b.j.createdAt.getTime() - a.j.createdAt.getTime())
    .slice(0, q.limit)
    .map(({ j, match }) => presentJob(j, { matchesMe: match, interested: interested.has(j.id) }));
}
