// Following patrols: each building's last patrol, whether one is due, and the
// problems still open; a building's patrol history.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { patrolPolicy, patrolScope } from '../policies/index.js';
import { DEFAULT_EVERY_DAYS } from './queries.js';

const DAY = 86_400_000;
/** An order that still needs doing; a problem without an order is open too. */
const DONE_ORDER = new Set(['resolved', 'closed', 'cancelled', 'merged']);

function buildingScope(viewer: Viewer): Prisma.BuildingWhereInput {
  const scope = patrolScope(viewer);
  if (!scope) throw forbidden('only building heads, grid workers and staff follow patrols');
  if ('all' in scope) return {};
  return { OR: [{ communityId: { in: scope.communityIds } }, { gridId: { in: scope.gridIds } }, { id: { in: scope.buildingIds } }] };
}

/** The buildings the viewer follows (a head: theirs; staff: the community's), with their patrol state. */
export async function patrolBuildings(deps: Deps, viewer: Viewer, communityId?: string) {
  const now = deps.clock();
  const buildings = await deps.db.building.findMany({
    where: { AND: [buildingScope(viewer), ...(communityId ? [{ communityId }] : [])] },
    select: { id: true, name: true, communityId: true, grid: { select: { name: true } } },
  });
  const ids = buildings.map((b) => b.id);
  const communities = [...new Set(buildings.map((b) => b.communityId))];
  const [settings, patrols] = await Promise.all([
    deps.db.patrolSettings.findMany({ where: { communityId: { in: communities } } }),
    // the newest patrols of each building: the last finished one, and one still open
    deps.db.patrol.findMany({
      where: { buildingId: { in: ids }, startedAt: { gte: new Date(now.getTime() - 366 * DAY) } },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      select: { id: true, buildingId: true, startedAt: true, finishedAt: true },
    }),
  ]);
  const everyDays = new Map(settings.map((s) => [s.communityId, s.everyDays]));
  const latest = new Map<string, (typeof patrols)[number]>();
  const lastFinished = new Map<string, (typeof patrols)[number]>();
  const open = new Map<string, string>();
  for (const p of patrols) {
    if (!latest.has(p.buildingId)) latest.set(p.buildingId, p);
    if (p.finishedAt && !lastFinished.has(p.buildingId)) lastFinished.set(p.buildingId, p);
    if (!p.finishedAt && !open.has(p.buildingId)) open.set(p.buildingId, p.id);
  }
  const problems = await deps.db.patrolCheck.findMany({
    where: { patrolId: { in: [...latest.values()].map((p) => p.id) }, result: 'problem' },
    select: { patrolId: true, orderId: true },
  });
  const orders = await deps.db.order.findMany({
    where: { id: { in: problems.map((c) => c.orderId).filter((x): x is string => !!x) } },
    select: { id: true, status: true },
  });
  const orderStatus = new Map(orders.map((o) => [o.id, o.status]));
  const openByPatrol = new Map<string, number>();
  for (const c of problems) {
    const status = c.orderId ? orderStatus.get(c.orderId) : undefined;
    if (status && DONE_ORDER.has(status)) continue;
    openByPatrol.set(c.patrolId, (openByPatrol.get(c.patrolId) ?? 0) + 1);
  }
  const items = buildings.map((b) => {
    const every = everyDays.get(b.communityId) ?? DEFAULT_EVERY_DAYS;
    const last = lastFinished.get(b.id);
    const dueAt = last?.finishedAt ? new Date(last.finishedAt.getTime() + every * DAY) : null;
    const latestPatrol = latest.get(b.id);
    return {
      id: b.id,
      name: b.name,
      gridName: b.grid.name,
      everyDays: every,
      lastPatrolAt: last?.finishedAt ?? null,
      lastPatrolId: last?.id ?? null,
      dueAt,
      state: !dueAt ? ('never' as const) : dueAt <= now ? ('due' as const) : ('ok' as const),
      openPatrolId: open.get(b.id) ?? null,
      openProblems: latestPatrol ? (openByPatrol.get(latestPatrol.id) ?? 0) : 0,
    };
  });
  // code-point order: the same on SQLite and PostgreSQL, whose collations differ
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { items };
}

/** A building's patrols, newest first. */
export async function patrolHistory(deps: Deps, viewer: Viewer, buildingId: string, limit: number) {
  const building = await deps.db.building.findUnique({ where: { id: buildingId }, select: { id: true, communityId: true, gridId: true } });
  if (!building || !patrolPolicy.see(viewer, { ...building, buildingId: building.id })) throw notFound('building');
  const patrols = await deps.db.patrol.findMany({
    where: { buildingId },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: { checks: { select: { result: true, orderId: true } } },
  });
  const heads = await deps.db.user.findMany({ where: { id: { in: [...new Set(patrols.map((p) => p.headId))] } }, select: { id: true, displayName: true } });
  const name = new Map(heads.map((h) => [h.id, h.displayName]));
  return {
    items: patrols.map((p) => ({
      id: p.id,
      headName: name.get(p.headId) ?? '',
      startedAt: p.startedAt,
      finishedAt: p.finishedAt,
      problems: p.checks.filter((c) => c.result === 'problem').length,
      ordersFiled: p.checks.filter((c) => c.orderId && !c.orderId.startsWith('patrol:')).length,
    })),
  };
}
