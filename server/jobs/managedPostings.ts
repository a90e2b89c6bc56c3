// The staff console's table of postings: every posting of the community, open and
// closed, filtered, searched, sorted and paged on the server.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentJob } from './presenter.js';
import { hiredCounts, postingsPage } from './queries.js';
import type { ManagePostingsQuery } from './schemas.js';

export async function managedPostings(deps: Deps, v: Viewer, q: ManagePostingsQuery) {
  const communityId = jobsStaffCommunity(v);
  const where: Prisma.JobPostingWhereInput = { communityId };
  if (q.status) where.status = q.status;
  if (q.kind) where.kind = q.kind;
  if (q.q) where.OR = [{ title: { contains: q.q } }, { employer: { contains: q.q } }, { location: { contains: q.q } }];
  // postings without a deadline come last whichever way the deadline is sorted
  const orderBy: Prisma.JobPostingOrderByWithRelationInput =
    q.sort === 'deadline' ? { deadline: { sort: q.order, nulls: 'last' } } : { [q.sort]: q.order };
  const { rows, total } = await postingsPage(deps.db, where, orderBy, q.offset, q.limit);
  const hired = await hiredCounts(deps.db, rows.map((j) => j.id));
  return {
    total,
    items: rows.map((j) => ({ ...presentJob(j), interestedCount: j._count.interests, hiredCount: hired.get(j.id) ?? 0 })),
  };
}
