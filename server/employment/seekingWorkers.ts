import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { presentSeekingWorkerTo } from './presenter.js';
import { seekingRecords } from './queries.js';

/**
 * The community's residents seeking work, with a phone to call them back and
 * the trades they want, first recorded first: for staff matching them to a
 * posting (server/jobs). Each as the viewer sees them (the visibility table):
 * being on this list tells their employment, so it reaches only those who see it.
 */
export async function seekingWorkers(deps: Pick<Deps, 'db'>, v: Viewer, communityId: string) {
  const rows = await seekingRecords(deps.db, communityId);
  return rows.map((r) => presentSeekingWorkerTo(v, r));
}
