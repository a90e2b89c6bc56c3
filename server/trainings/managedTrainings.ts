// The staff console's table of courses: every course of the community, past and
// cancelled too, filtered, searched, sorted and paged on the server.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentTraining } from './presenter.js';
import { enrolmentCounts, sessionsPage } from './queries.js';
import type { ManageTrainingsQuery } from './schemas.js';

export async function managedTrainings(deps: Deps, v: Viewer, q: ManageTrainingsQuery) {
  const communityId = jobsStaffCommunity(v);
  const where: Prisma.TrainingSessionWhereInput = { communityId };
  if (q.status) where.status = q.status;
  if (q.trade) where.trade = q.trade;
  if (q.q) where.OR = [{ course: { contains: q.q } }, { place: { contains: q.q } }];
  const { rows, total } = await sessionsPage(deps.db, where, { [q.sort]: q.order }, q.offset, q.limit);
  const counts = await enrolmentCounts(deps.db, rows.map((t) => t.id));
  return {
    total,
    items: rows.map((t) => {
      const c = counts.get(t.id) ?? {};
      // a completed place was a seat: it counts as enrolled too
      return { ...presentTraining(t), enrolled: (c.enrolled ?? 0) + (c.completed ?? 0), waitlisted: c.waitlisted ?? 0, completed: c.completed ?? 0 };
    }),
  };
}
