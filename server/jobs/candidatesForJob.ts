import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { parseTrades, seekingWorkers, tradesOverlap } from '../employment/index.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { findPosting } from './queries.js';

/**
 * For a new posting: residents seeking work whose trades fit, so staff can call
 * them. With no trades on the posting, everyone seeking work. Each as the
 * visibility table shows them to the viewer (server/employment's presenter).
 */
export async function candidatesForJob(deps: Deps, v: Viewer, jobId: string) {
  const communityId = jobsStaffCommunity(v);
  const job = await findPosting(deps.db, jobId, communityId);
  if (!job) throw notFound('job');
  const wanted = parseTrades(job.trades);
  return (await seekingWorkers(deps, v, communityId)).filter((w) => !wanted.length || tradesOverlap(w.trades, wanted));
}
