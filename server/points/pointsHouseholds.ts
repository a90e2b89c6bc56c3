// 户积分 in the staff console: the community's households with their balance, found
// by building and room (how staff name a household), to open one's ledger.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { mustReveal, placeOfHousehold, pointsStaffCommunity, relationsTo, revealAs } from '../policies/index.js';
import { householdsWithBalance } from './queries.js';
import type { PointsHouseholdsQuery } from './schemas.js';

export async function pointsHouseholds(deps: Deps, v: Viewer, q: PointsHouseholdsQuery) {
  const communityId = pointsStaffCommunity(v);
  const { rows, total } = await householdsWithBalance(deps, { communityId, buildingId: q.buildingId, room: q.room }, q.sort, q.order, q.offset, q.limit);
  return {
    total,
    items: rows.map((h) => {
      const seen = relationsTo(v, placeOfHousehold({ id: h.id, communityId: h.communityId, buildingId: h.buildingId, building: { gridId: h.gridId } }));
      return {
        id: h.id,
        building: { id: h.buildingId, name: h.buildingName },
        room: mustReveal(seen, 'room', `${h.unitName} ${h.room}`),
        ...revealAs(seen, 'name', 'head', h.head),
        balance: h.balance,
      };
    }),
  };
}
