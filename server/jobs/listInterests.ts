import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentInterestRow } from './presenter.js';
import { findPosting, interestsInJob } from './queries.js';

/** Staff: who registered, first come first, with a phone to call them back (as the visibility table shows them). */
export async function listInterests(deps: Deps, v: Viewer, jobId: string) {
  const job = await findPosting(deps.db, jobId, jobsStaffCommunity(v));
  if (!job) throw notFound('job');
  return (await interestsInJob(deps.db, jobId)).map((r) => presentInterestRow(v, r));
}
