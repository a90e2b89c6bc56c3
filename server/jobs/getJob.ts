import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { homeCommunity } from '../policies/index.js';
import { presentJob } from './presenter.js';
import { findPostingWithCount, interestOf } from './queries.js';

/** One posting of the viewer's community, with how many registered and whether the viewer did. */
export async function getJob(deps: Deps, v: Viewer, id: string) {
  const job = await findPostingWithCount(deps.db, id, homeCommunity(v) ?? '');
  if (!job) throw notFound('job');
  const mine = v.resident ? await interestOf(deps.db, id, v.resident.id) : null;
  return presentJob(job, { interested: mine !== null });
}
