import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { canListHouseholds, householdScope, mayFilterHouseholdsBy, relationsTo, tagField } from '../policies/index.js';
import { presentHousehold } from './presenter.js';
import type { ListHouseholdsQuery } from './schemas.js';

/** A grid's or community's households with their members and 七彩 tags, as much as the viewer's relation to each allows. */
export async function listHouseholds(deps: Deps, v: Viewer, q: ListHouseholdsQuery) {
  if (!canListHouseholds(v)) {
    throw new AppError('forbidden', 'only building heads, grid workers and staff can list households');
  }
  // a filter on a tag the viewer may not see is refused before the query: filtering the
  // page afterwards still told them who has it (which rows, and the next page's cursor)
  if (q.tag && !mayFilterHouseholdsBy(v, tagField(q.tag))) {
    const message = `households with ${q.tag} are not yours to look up`;
    throw new AppError('forbidden', `query.tag: ${message}`, [{ path: 'query.tag', message }]);
  }
  const filters: Prisma.HouseholdWhereInput[] = [householdScope(v)];
  // residents who left stay in the database for the history, not on the rosters
  if (q.buildingId) filters.push({ buildingId: q.buildingId });
  if (q.gridId) filters.push({ building: { gridId: q.gridId } });
  if (q.tag) filters.push({ tags: { some: { kind: q.tag } } });
  const rows = await deps.db.household.findMany({
    where: { AND: filters },
    include: { unit: true, building: true, residents: { where: { leftAt: null }, orderBy: { id: 'asc' } }, tags: true },
    orderBy: [{ buildingId: 'asc' }, { unitId: 'asc' }, { room: 'asc' }, { id: 'asc' }],
    ...cursorArgs(q),
  });
  const page = toPage(rows, q.limit);
  const items = page.items.map((h) =>
    presentHousehold(h, relationsTo(v, { communityId: h.communityId, gridId: h.building.gridId, buildingId: h.buildingId, householdId: h.id }), deps.config.idNumbers),
  );
  return { items, nextCursor: page.nextCursor };
}
