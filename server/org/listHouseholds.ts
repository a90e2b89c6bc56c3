import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { canListHouseholds, householdAccess, householdScope } from '../policies/index.js';
import { presentHousehold } from './presenter.js';
import type { ListHouseholdsQuery } from './schemas.js';

/** A grid's or community's households with their members and 七彩 tags, as much as the viewer's role allows. */
export async function listHouseholds(deps: Deps, v: Viewer, q: ListHouseholdsQuery) {
  if (!canListHouseholds(v)) {
    throw new AppError('forbidden', 'only building heads, grid workers and staff can list households');
  }
  const filters: Prisma.HouseholdWhereInput[] = [householdScope(v)];
  if (q.buildingId) filters.push({ buildingId: q.buildingId });
  if (q.gridId) filters.push({ building: { gridId: q.gridId } });
  if (q.tag) filters.push({ tags: { some: { kind: q.tag } } });
  const rows = await deps.db.household.findMany({
    where: { AND: filters },
    include: { unit: true, building: true, residents: { orderBy: { id: 'asc' } }, tags: true },
    orderBy: [{ buildingId: 'asc' }, { unitId: 'asc' }, { room: 'asc' }, { id: 'asc' }],
    ...cursorArgs(q),
  });
  const page = toPage(rows, q.limit);
  const items = page.items.map((h) =>
    presentHousehold(h, householdAccess(v, { communityId: h.communityId, gridId: h.building.gridId, buildingId: h.buildingId, householdId: h.id })),
  );
  // asking for a sensitive tag one may not see must not reveal who has it
  const visible = q.tag ? items.filter((h) => h.tags.some((t) => t.kind === q.tag)) : items;
  return { items: visible, nextCursor: page.nextCursor };
}
