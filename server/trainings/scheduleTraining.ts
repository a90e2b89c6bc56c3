// 以岗定培: staff schedule a course against the community's vacancies.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { jobSummaries } from '../jobs/index.js';
import { jobsStaffCommunity } from '../policies/index.js';
import { presentTraining } from './presenter.js';
import { insertSession } from './queries.js';
import type { CreateTrainingBody } from './schemas.js';

export async function createTraining(deps: Deps, v: Viewer, body: CreateTrainingBody) {
  const communityId = jobsStaffCommunity(v);
  const jobs = await jobSummaries(deps.db, { ids: body.jobIds, communityId });
  body.jobIds.forEach((id, i) => {
    if (!jobs.some((j) => j.id === id)) throw badRequest(`body.jobIds.${i}`, 'not a job posting of this community');
  });
  const now = deps.clock();
  const { jobIds, ...fields } = body;
  const linked = [...new Set(jobIds)];
  const t = await insertSession(deps.db, { ...fields, communityId, createdById: v.userId, createdAt: now, updatedAt: now }, linked);
  deps.events.emit('training.scheduled', { trainingId: t.id, communityId, course: t.course, startsAt: t.startsAt, createdById: v.userId });
  return presentTraining(t, linked.map((id) => jobs.find((j) => j.id === id)!));
}
