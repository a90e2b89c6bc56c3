// What a course list or page adds to each course: the postings it trains for
// (named by server/jobs) and, for the viewer, whether it fits the trades they
// want and where they stand in it.
import type { TrainingSession } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { currentTradesOf } from '../employment/index.js';
import { jobSummaries } from '../jobs/index.js';
import type { CourseJob, Standing } from './presenter.js';
import { enrolmentsOfResident, linkedJobIds, waitlistPosition } from './queries.js';

/** The postings each course trains for: training id → postings. */
export async function jobsOfCourses(deps: Pick<Deps, 'db'>, rows: TrainingSession[]): Promise<Map<string, CourseJob[]>> {
  const links = await linkedJobIds(deps.db, rows.map((t) => t.id));
  const ids = [...new Set([...links.values()].flat())];
  const byId = new Map((ids.length ? await jobSummaries(deps.db, { ids }) : []).map((j) => [j.id, j]));
  return new Map(rows.map((t) => [t.id, (links.get(t.id) ?? []).flatMap((id) => byId.get(id) ?? [])]));
}

/** Whether each course fits the viewer's trades, and where the viewer stands in it. */
export async function viewerStanding(deps: Pick<Deps, 'db'>, v: Viewer, rows: TrainingSession[]): Promise<Map<string, Standing>> {
  const mine = v.resident ? await currentTradesOf(deps.db, v.resident.id) : [];
  const enrolments = v.resident ? await enrolmentsOfResident(deps.db, v.resident.id, rows.map((r) => r.id)) : [];
  const out = new Map<string, Standing>();
  for (const t of rows) {
    const e = enrolments.find((x) => x.trainingId === t.id);
    out.set(t.id, {
      matchesMe: mine.includes(t.trade as never),
      myEnrolment: e?.status ?? null,
      myWaitlistPosition: e?.status === 'waitlisted' ? await waitlistPosition(deps.db, e) : null,
    });
  }
  return out;
}
