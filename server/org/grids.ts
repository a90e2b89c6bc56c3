// 网格划分: a grid is a set of buildings. Staff (and the community's administrators)
// create and rename grids and move a building from one grid to another; the move
// takes the building's open orders and the notices still going out with it, in one
// transaction (server/orders, server/notices through their index.ts).
import { recordAdminChange } from '../audit/index.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { isUniqueViolation, sqlOn } from '../db.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { followBuildingMove } from '../notices/index.js';
import { moveBuildingOrders } from '../orders/index.js';
import { homeCommunity, mayManageGrids } from '../policies/index.js';
import type { CreateGridBody, GridsQuery } from './schemas.js';

/** 惠泽2栋 before 惠泽10栋: names compared the way people count. */
export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN', { numeric: true });

function communityOf(v: Viewer, communityId: string | undefined, field: string): string {
  const c = communityId ?? homeCommunity(v);
  if (!c) throw badRequest(field, 'required: say which community');
  return c;
}

/** The community's grids, each with its buildings and its workers. */
export async function listGrids(deps: Deps, v: Viewer, q: GridsQuery) {
  const communityId = communityOf(v, q.communityId, 'query.communityId');
  if (!mayManageGrids(v, communityId)) throw notFound('communityId: community');
  const grids = await deps.db.grid.findMany({
    where: { communityId },
    select: {
      id: true,
      name: true,
      buildings: { select: { id: true, name: true } },
      roles: { where: { role: 'GRID_WORKER' }, select: { user: { select: { id: true, displayName: true } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  return grids.sort(byName).map((g) => ({
    id: g.id,
    name: g.name,
    buildings: g.buildings.sort(byName),
    workers: g.roles.map((r) => ({ id: r.user.id, name: r.user.displayName })),
  }));
}

const nameTaken = () => new AppError('conflict', 'name: this community already has a grid of that name', [{ path: 'body.name', message: 'already used in this community' }]);

export async function createGrid(deps: Deps, v: Viewer, body: CreateGridBody) {
  const communityId = communityOf(v, body.communityId, 'body.communityId');
  if (!mayManageGrids(v, communityId)) throw notFound('communityId: community');
  const community = await deps.db.community.findUnique({ where: { id: communityId }, select: { id: true } });
  if (!community) throw notFound('communityId: community');
  try {
    const g = await deps.db.$transaction(async (tx) => {
      const g = await tx.grid.create({ data: { communityId, name: body.name }, select: { id: true, name: true } });
      await recordAdminChange(tx, { actor: v, action: 'grid.create', at: deps.clock(), target: { type: 'grid', id: g.id, communityId }, before: null, after: { name: g.name } });
      return g;
    });
    deps.logger.info({ gridId: g.id, communityId, by: v.userId }, 'grid created');
    return { ...g, buildings: [], workers: [] };
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
}

export async function renameGrid(deps: Deps, v: Viewer, gridId: string, name: string) {
  const grid = await deps.db.grid.findUnique({ where: { id: gridId }, select: { id: true, name: true, communityId: true } });
  if (!grid || !mayManageGrids(v, grid.communityId)) throw notFound('grid');
  try {
    await deps.db.$transaction(async (tx) => {
      await tx.grid.update({ where: { id: gridId }, data: { name } });
      await recordAdminChange(tx, { actor: v, action: 'grid.rename', at: deps.clock(), target: { type: 'grid', id: gridId, communityId: grid.communityId }, before: { name: grid.name }, after: { name } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken();
    throw e;
  }
  const [renamed] = (await listGrids(deps, v, { communityId: grid.communityId })).filter((g) => g.id === gridId);
  return renamed!;
}

/**
 * Moves a building to another grid of its community. In one transaction: the building,
 * its open orders (their grid and suggested worker) and the notices still going out to
 * a grid (server/notices/buildingMoved.ts).
 */
export async function moveBuilding(deps: Deps, v: Viewer, buildingId: string, toGridId: string) {
  const now = deps.clock();
  const result = await deps.db.$transaction(async (tx) => {
    const building = await tx.building.findUnique({ where: { id: buildingId }, select: { id: true, name: true, communityId: true, grid: { select: { id: true, name: true } } } });
    if (!building || !mayManageGrids(v, building.communityId)) throw notFound('building');
    const to = await tx.grid.findFirst({ where: { id: toGridId, communityId: building.communityId }, select: { id: true, name: true } });
    if (!to) throw badRequest('body.gridId', 'not a grid of this building’s community');
    if (to.id === building.grid.id) throw new AppError('conflict', `the building is already in ${to.name}`);
    // the row is taken with a guard on where it was: two moves at once, one wins
    const moved = await tx.building.updateMany({ where: { id: building.id, gridId: building.grid.id }, data: { gridId: to.id } });
    if (moved.count !== 1) throw new AppError('conflict', 'the building was moved meanwhile; reload and try again');
    const ordersMoved = await moveBuildingOrders(sqlOn(tx), { buildingId: building.id, toGridId: to.id, now });
    const notices = await followBuildingMove(tx, { communityId: building.communityId, buildingId: building.id, fromGridId: building.grid.id, toGridId: to.id, now });
    await recordAdminChange(tx, {
      actor: v,
      action: 'building.move',
      at: now,
      target: { type: 'building', id: building.id, communityId: building.communityId },
      before: { grid: building.grid.name },
      after: { grid: to.name, ordersMoved, deliveriesAdded: notices.deliveriesAdded, deliveriesCancelled: notices.deliveriesCancelled },
    });
    return { building, from: building.grid, to, ordersMoved, notices };
  });
  for (const noticeId of result.notices.noticeIds) deps.events.emit('notice.queued', { noticeId, communityId: result.building.communityId, sendAt: now });
  deps.logger.info({ buildingId, from: result.from.id, to: result.to.id, ordersMoved: result.ordersMoved, by: v.userId }, 'building moved to another grid');
  return {
    building: { id: result.building.id, name: result.building.name },
    from: result.from,
    to: result.to,
    ordersMoved: result.ordersMoved,
    deliveriesAdded: result.notices.deliveriesAdded,
    deliveriesCancelled: result.notices.deliveriesCancelled,
  };
}
