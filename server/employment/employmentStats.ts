import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { employmentFiguresCommunity } from '../policies/index.js';
import { householdEmployment } from './households.js';
import { employmentFigures } from './presenter.js';
import { gridsOf } from './queries.js';

/** The community's numbers, and each grid's. */
export async function employmentStats(deps: Deps, v: Viewer) {
  const communityId = employmentFiguresCommunity(v);
  const rows = await householdEmployment(deps, { communityId });
  const grids = await gridsOf(deps.db, communityId);
  return {
    community: employmentFigures(rows),
    grids: grids.map((g) => ({ id: g.id, name: g.name, ...employmentFigures(rows.filter((h) => h.gridId === g.id)) })),
  };
}
