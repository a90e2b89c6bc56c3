import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';
import { toPage } from '../http/paging.js';
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
  if (q.q) filters.push({ OR: [{ room: { contains: q.q } }, { unit: { name: { contains: q.q } } }, { residents: { some: { leftAt: null, name: { contains: q.q } } } }] });
  // Natural order (惠泽2栋 before 惠泽10栋, 302 before 1101) is not an order either database sorts
  // text in: the keys of the whole filtered set are sorted here (a community has hundreds of
  // households, a grid under a hundred), then only the page is read in full.
  const keys = await deps.db.household.findMany({
    where: { AND: filters },
    select: { id: true, room: true, unit: { select: { name: true } }, building: { select: { name: true } } },
  });
  keys.sort((a, b) => naturally(a.building.name, b.building.name) || naturally(a.unit.name, b.unit.name) || naturally(a.room, b.room) || (a.id < b.id ? -1 : 1));
  const at = q.cursor ? keys.findIndex((k) => k.id === q.cursor) : -1;
  // a cursor that is not in the list (its household left the filter) ends the list, as Prisma's cursor does
  const pageKeys = q.cursor && at < 0 ? [] : keys.slice(at + 1, at + 1 + q.limit + 1);
  const rows = await deps.db.household.findMany({
    where: { id: { in: pageKeys.map((k) => k.id) } },
    include: { unit: true, building: true, residents: { where: { leftAt: null }, orderBy: { id: 'asc' } }, tags: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = toPage(
    pageKeys.map((k) => byId.get(k.id)).filter((r): r is (typeof rows)[number] => r !== undefined),
    q.limit,
  );
  const items = page.items.map((h) =>
    presentHousehold(h, relationsTo(v, { communityId: h.communityId, gridId: h.building.gridId, buildingId: h.buildingId, householdId: h.id }), deps.config.idNumbers),
  );
  const buildings = await deps.db.building.findMany({ where: { households: { some: householdScope(v) } }, select: { id: true, name: true } });
  buildings.sort((a, b) => naturally(a.name, b.name));
  return { items, nextCursor: page.nextCursor, buildings };
}

/** Compared the way people count: 2栋 before 10栋, 302 before 1101. */
const naturally = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN', { numeric: true });
