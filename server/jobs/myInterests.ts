import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { interestsOfResident } from './queries.js';

/** The postings the resident registered for, newest first, and what came of each. */
export async function myInterests(deps: Deps, v: Viewer) {
  if (!v.resident) return [];
  const rows = await interestsOfResident(deps.db, v.resident.id);
  return rows.map((r) => ({ id: r.id, job: r.job, outcome: r.outcome, registeredAt: r.createdAt }));
}
