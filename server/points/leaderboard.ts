// The building's 积分榜: households ranked by points earned this year
// (spending does not lower a rank).
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { canSeeLeaderboard, householdOf } from '../policies/index.js';
import { presentRank } from './presenter.js';
import { topEarners } from './queries.js';

export async function leaderboard(deps: Deps, v: Viewer, buildingId: string | undefined, limit: number) {
  const home = householdOf(v);
  const target = buildingId ?? home?.buildingId;
  if (!target) throw forbidden('choose a building');
  const building = await deps.db.building.findUnique({ where: { id: target }, select: { id: true, name: true, communityId: true } });
  if (!building || !canSeeLeaderboard(v, building)) throw notFound('building');
  const ranks = await topEarners(deps, building.id, deps.clock(), limit);
  return {
    building: { id: building.id, name: building.name },
    ranks: ranks.map((r, i) => presentRank(i + 1, r, home?.householdId)),
  };
}
