// Who has been told (楼栋长 告知, issue #20): for a notice reaching a building, each
// household and whether someone of it read it in the mini-program (NoticeRead of
// any member's account) or the building head told them in person or by phone
// (NoticeTold, this file's table). An emergency notice lists those not reached first.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { noticeReachPolicy, placeOfHousehold, relationsTo, revealAs } from '../policies/index.js';
import type { TellAllBody, TellBody } from './schemas.js';

type State = 'read' | 'told' | 'none';

/** A published notice for residents (not an alert for the work group, not one still scheduled). */
async function publishedNotice(deps: Deps, id: string) {
  const n = await deps.db.notice.findFirst({
    where: { id, staffOnly: false, sendAt: { lte: deps.clock() } },
    select: { id: true, title: true, kind: true, sendAt: true, cancelledAt: true, communityId: true },
  });
  if (!n) throw notFound('notice');
  return n;
}
type ReachNotice = Awaited<ReturnType<typeof publishedNotice>>;
const noticeHeader = (n: ReachNotice) => ({ id: n.id, title: n.title, kind: n.kind, sendAt: n.sendAt, cancelled: !!n.cancelledAt });

/** The notice's buildings the viewer follows (its head, its grid's workers, staff), with whether they may tell. */
async function buildingsFollowed(deps: Deps, viewer: Viewer, n: ReachNotice, only?: string) {
  const rows = await deps.db.noticeBuilding.findMany({
    where: { noticeId: n.id, ...(only ? { buildingId: only } : {}) },
    select: { building: { select: { id: true, name: true, communityId: true, gridId: true } } },
  });
  return rows
    .map((r) => r.building)
    .filter((b) => noticeReachPolicy.see(viewer, { ...b, buildingId: b.id }))
    .map((b) => ({ ...b, mayTell: noticeReachPolicy.tell(viewer, b.id) }));
}

/** Each household of the buildings with its state; households nobody lives in any more are left out. */
async function householdStates(deps: Deps, noticeId: string, buildingIds: string[]) {
  const [households, reads, told] = await Promise.all([
    deps.db.household.findMany({
      where: { buildingId: { in: buildingIds }, residents: { some: { leftAt: null } } },
      select: {
        id: true,
        room: true,
        communityId: true,
        buildingId: true,
        building: { select: { gridId: true } },
        unit: { select: { name: true } },
        residents: { where: { leftAt: null }, select: { name: true, relation: true }, orderBy: { createdAt: 'asc' } },
      },
    }),
    deps.db.noticeRead.findMany({
      where: { noticeId, user: { resident: { household: { buildingId: { in: buildingIds } } } } },
      select: { readAt: true, user: { select: { resident: { select: { householdId: true } } } } },
    }),
    deps.db.noticeTold.findMany({ where: { noticeId, buildingId: { in: buildingIds } } }),
  ]);
  const firstRead = new Map<string, Date>();
  for (const r of reads) {
    const h = r.user.resident?.householdId;
    if (!h) continue;
    const before = firstRead.get(h);
    if (!before || r.readAt < before) firstRead.set(h, r.readAt);
  }
  const toldOf = new Map(told.map((t) => [t.householdId, t]));
  const tellers = await deps.db.user.findMany({ where: { id: { in: [...new Set(told.map((t) => t.toldById))] } }, select: { id: true, displayName: true } });
  const tellerName = new Map(tellers.map((u) => [u.id, u.displayName]));
  return households.map((h) => {
    const readAt = firstRead.get(h.id) ?? null;
    const t = toldOf.get(h.id);
    const state: State = readAt ? 'read' : t ? 'told' : 'none';
    const head = h.residents.find((r) => r.relation === '户主') ?? h.residents[0]!;
    return { h, head: head.name, state, readAt, told: t ?? null, toldBy: t ? (tellerName.get(t.toldById) ?? '') : null };
  });
}
type HouseholdState = Awaited<ReturnType<typeof householdStates>>[number];

function countsOf(rows: Array<{ state: State }>) {
  const read = rows.filter((r) => r.state === 'read').length;
  const told = rows.filter((r) => r.state === 'told').length;
  return { households: rows.length, read, told, notReached: rows.length - read - told };
}

/** Code-point order (the same on both databases): unit, then room as a number where it is one. */
const byAddress = (a: HouseholdState, b: HouseholdState) =>
  a.h.unit.name !== b.h.unit.name
    ? a.h.unit.name < b.h.unit.name ? -1 : 1
    : a.h.room.localeCompare(b.h.room, 'en', { numeric: true });

/** Per building: households, read, told, not reached (staff see every building of the notice; a head theirs). */
export async function reachOverview(deps: Deps, viewer: Viewer, noticeId: string) {
  const n = await publishedNotice(deps, noticeId);
  const buildings = await buildingsFollowed(deps, viewer, n);
  if (!buildings.length) throw notFound('notice');
  const states = await householdStates(deps, n.id, buildings.map((b) => b.id));
  const rows = buildings
    .map((b) => ({ id: b.id, name: b.name, mayTell: b.mayTell, ...countsOf(states.filter((s) => s.h.buildingId === b.id)) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { notice: noticeHeader(n), totals: countsOf(states), buildings: rows };
}

/** One building's households with their state; an emergency notice lists the ones not reached first. */
export async function reachBoard(deps: Deps, viewer: Viewer, noticeId: string, buildingId: string) {
  const n = await publishedNotice(deps, noticeId);
  const [building] = await buildingsFollowed(deps, viewer, n, buildingId);
  if (!building) throw notFound('building');
  const states = (await householdStates(deps, n.id, [building.id])).sort(byAddress);
  if (n.kind === 'emergency') states.sort((a, b) => Number(a.state !== 'none') - Number(b.state !== 'none'));
  return {
    notice: noticeHeader(n),
    building: { id: building.id, name: building.name },
    counts: countsOf(states),
    mayTell: building.mayTell,
    households: states.map((s) => {
      const relations = relationsTo(viewer, placeOfHousehold(s.h));
      return {
        id: s.h.id,
        unit: s.h.unit.name,
        room: s.h.room,
        ...revealAs(relations, 'name', 'headName', s.head),
        state: s.state,
        readAt: s.readAt,
        toldAt: s.told?.toldAt ?? null,
        toldBy: s.toldBy,
        how: s.told?.how ?? null,
      };
    }),
  };
}

/** A notice withdrawn is not passed on any more. */
function mayStillTell(n: ReachNotice) {
  if (n.cancelledAt) throw new AppError('conflict', 'the notice was withdrawn', undefined, 'notice_cancelled');
}

/** The head marks one household 已告知; marking it again keeps the first time. */
export async function tellHousehold(deps: Deps, viewer: Viewer, noticeId: string, householdId: string, body: TellBody) {
  const n = await publishedNotice(deps, noticeId);
  const h = await deps.db.household.findUnique({ where: { id: householdId }, select: { id: true, buildingId: true, communityId: true } });
  if (!h || h.communityId !== n.communityId) throw notFound('household');
  const [building] = await buildingsFollowed(deps, viewer, n, h.buildingId);
  if (!building) throw notFound('household');
  if (!building.mayTell) throw forbidden('only the building’s head marks households told');
  mayStillTell(n);
  await deps.db.noticeTold.upsert({
    where: { noticeId_householdId: { noticeId, householdId } },
    create: { noticeId, householdId, buildingId: h.buildingId, communityId: n.communityId, how: body.how, toldById: viewer.userId, toldAt: deps.clock() },
    update: {},
  });
  return reachBoard(deps, viewer, noticeId, h.buildingId);
}

/** Undoes a mark made by mistake. */
export async function untellHousehold(deps: Deps, viewer: Viewer, noticeId: string, householdId: string) {
  const n = await publishedNotice(deps, noticeId);
  const h = await deps.db.household.findUnique({ where: { id: householdId }, select: { buildingId: true, communityId: true } });
  if (!h || h.communityId !== n.communityId) throw notFound('household');
  const [building] = await buildingsFollowed(deps, viewer, n, h.buildingId);
  if (!building) throw notFound('household');
  if (!building.mayTell) throw forbidden('only the building’s head marks households told');
  await deps.db.noticeTold.deleteMany({ where: { noticeId, householdId } });
  return reachBoard(deps, viewer, noticeId, h.buildingId);
}

/** 全部已告知: every household of the building not yet reached (neither read nor told). */
export async function tellAll(deps: Deps, viewer: Viewer, noticeId: string, body: TellAllBody) {
  const n = await publishedNotice(deps, noticeId);
  const [building] = await buildingsFollowed(deps, viewer, n, body.buildingId);
  if (!building) throw notFound('body.buildingId: building');
  if (!building.mayTell) throw forbidden('only the building’s head marks households told');
  mayStillTell(n);
  const now = deps.clock();
  const rest = (await householdStates(deps, n.id, [building.id])).filter((s) => s.state === 'none');
  await deps.db.$transaction(async (tx) => {
    for (const s of rest) {
      await tx.noticeTold.upsert({
        where: { noticeId_householdId: { noticeId, householdId: s.h.id } },
        create: { noticeId, householdId: s.h.id, buildingId: building.id, communityId: n.communityId, how: body.how, toldById: viewer.userId, toldAt: now },
        update: {},
      });
    }
  });
  return reachBoard(deps, viewer, noticeId, building.id);
}
