import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { homeCommunity } from '../policies/index.js';
import { jobsOfCourses, viewerStanding } from './courseDetails.js';
import { presentTraining } from './presenter.js';
import { findSession } from './queries.js';

/** One course of the viewer's community: also after sign-up closed, with the viewer's place on the waiting list. */
export async function getTraining(deps: Deps, v: Viewer, id: string) {
  const t = await findSession(deps.db, id, homeCommunity(v) ?? '');
  if (!t) throw notFound('training');
  const [jobs, standing] = [await jobsOfCourses(deps, [t]), await viewerStanding(deps, v, [t])];
  return presentTraining(t, jobs.get(t.id)!, standing.get(t.id)!);
}
