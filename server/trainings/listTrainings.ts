import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { canManageJobs, homeCommunity } from '../policies/index.js';
import { jobsOfCourses, viewerStanding } from './courseDetails.js';
import { presentTraining } from './presenter.js';
import { sessionsWhere } from './queries.js';
import type { ListTrainingsQuery } from './schemas.js';

/** Upcoming sessions; for someone seeking work, the ones in their trades first. Staff may ask for all (`all`). */
export async function listTrainings(deps: Deps, v: Viewer, q: ListTrainingsQuery) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  const now = deps.clock();
  const staff = canManageJobs(v, communityId);
  const rows = await sessionsWhere(deps.db, { communityId, ...(q.all && staff ? {} : { status: 'open', endsAt: { gte: now } }) });
  const jobs = await jobsOfCourses(deps, rows);
  const standing = await viewerStanding(deps, v, rows);
  return rows
    .map((t) => ({ t, extra: standing.get(t.id)! }))
    .sort((a, b) => Number(b.extra.matchesMe) - Number(a.extra.matchesMe))
    .slice(0, q.limit)
    .map(({ t, extra }) => presentTraining(t, jobs.get(t.id)!, extra));
}
