// Job postings: staff of a community publish them, edit them and close them.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentJob } from './presenter.js';
import { closePosting, findPosting, insertPosting, postingById, updatePosting } from './queries.js';
import type { CreateJobBody, UpdateJobBody } from './schemas.js';

export async function createJob(deps: Deps, v: Viewer, body: CreateJobBody) {
  const communityId = jobsStaffCommunity(v);
  const now = deps.clock();
  const job = await insertPosting(deps.db, { ...body, trades: JSON.stringify(body.trades), communityId, createdById: v.userId, createdAt: now, updatedAt: now });
  deps.events.emit('job.posted', { jobId: job.id, communityId, title: job.title, employer: job.employer, kind: job.kind, createdById: v.userId });
  return presentJob(job);
}

/** A posting of the staff member's community; another community's is not found. */
async function jobOfStaff(deps: Deps, v: Viewer, id: string) {
  const job = await findPosting(deps.db, id, jobsStaffCommunity(v));
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
  const updated = await updatePosting(deps.db, id, { ...rest, ...(trades ? { trades: JSON.stringify(trades) } : {}), updatedAt: deps.clock() });
  return presentJob(updated);
}

export async function closeJob(deps: Deps, v: Viewer, id: string) {
  await jobOfStaff(deps, v, id);
  if (!(await closePosting(deps.db, id, deps.clock()))) throw new AppError('invalid_transition', 'the posting is already closed');
  return presentJob(await postingById(deps.db, id));
}
