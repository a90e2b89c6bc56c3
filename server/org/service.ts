import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { AppError, forbidden } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { canListHouseholds, communitiesWith, homeCommunity, householdAccess, householdScope, isAdmin, residentScope } from '../policies/index.js';
import { presentResident, presentTags } from './presenters.js';
import type { ListHouseholdsQuery, ListResidentsQuery } from './schemas.js';

/** Who am I: user, roles, and where I live (community, grid, building, room). */
export async function describeMe(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  const [community, household] = await Promise.all([
    communityId ? deps.db.community.findUnique({ where: { id: communityId }, select: { id: true, name: true, estate: true } }) : null,
    v.resident
      ? deps.db.household.findUnique({
          where: { id: v.resident.householdId },
          include: { unit: true, building: { include: { grid: true } } },
        })
      : null,
  ]);
  return {
    user: { id: v.userId, name: v.displayName },
    roles: v.roles,
    linked: v.resident !== null,
    community,
    resident: v.resident && { id: v.resident.id, name: v.resident.name, householdId: v.resident.householdId },
    building: household && { id: household.building.id, name: household.building.name },
    grid: household && { id: household.building.grid.id, name: household.building.grid.name },
    room: household && `${household.unit.name} ${household.room}`,
  };
}

export async function listCategories(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  return deps.db.serviceCategory.findMany({
    where: { communityId, active: true },
    orderBy: { sort: 'asc' },
    select: { code: true, name: true, icon: true, responseMinutes: true, resolveMinutes: true },
  });
}

/** For the dispatch picker: the community's grid workers and how much each has open. */
export async function listGridWorkers(deps: Deps, v: Viewer) {
  const communities = isAdmin(v) ? undefined : communitiesWith(v, ['STAFF']);
  if (communities && !communities.length) throw forbidden('only community staff can see the grid workers');
  const roles = await deps.db.userRole.findMany({
    where: { role: 'GRID_WORKER', ...(communities ? { communityId: { in: communities } } : {}) },
    include: { user: { select: { id: true, displayName: true } }, grid: { select: { id: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  const open = await deps.db.order.groupBy({
    by: ['assigneeId'],
    where: { assigneeId: { in: roles.map((r) => r.userId) }, status: { in: ['dispatched', 'accepted', 'reopened'] } },
    _count: { _all: true },
  });
  const openBy = new Map(open.map((o) => [o.assigneeId, o._count._all]));
  return roles.map((r) => ({
    id: r.user.id,
    name: r.user.displayName,
    grid: r.grid,
    openOrders: openBy.get(r.userId) ?? 0,
  }));
}

/** Residents the viewer may file a request for (building head: their building, and so on). */
export async function searchResidents(deps: Deps, v: Viewer, q: ListResidentsQuery) {
  const filters: Prisma.ResidentWhereInput[] = [residentScope(v)];
  if (q.buildingId) filters.push({ household: { buildingId: q.buildingId } });
  if (q.q) filters.push({ OR: [{ name: { contains: q.q } }, { household: { room: { contains: q.q } } }] });
  const rows = await deps.db.resident.findMany({
    where: { AND: filters },
    include: { household: { include: { unit: true, building: true } } },
    orderBy: [
      { household: { building: { name: 'asc' } } },
      { household: { unit: { name: 'asc' } } },
      { household: { room: 'asc' } },
      { id: 'asc' },
    ],
    take: q.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    building: { id: r.household.building.id, name: r.household.building.name },
    room: `${r.household.unit.name} ${r.household.room}`,
  }));
}

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
  const items = page.items.map((h) => {
    const access = householdAccess(v, {
      communityId: h.communityId,
      gridId: h.building.gridId,
      buildingId: h.buildingId,
      householdId: h.id,
    });
    // asking for a sensitive tag one may not see must not reveal who has it
    return {
      id: h.id,
      building: { id: h.building.id, name: h.building.name },
      room: `${h.unit.name} ${h.room}`,
      groundFloor: h.groundFloor,
      members: h.residents.map((r) => presentResident(r, access)),
      tags: presentTags(h.tags, access),
      access,
    };
  });
  const visible = q.tag ? items.filter((h) => h.tags.some((t) => t.kind === q.tag)) : items;
  return { items: visible, nextCursor: page.nextCursor };
}
