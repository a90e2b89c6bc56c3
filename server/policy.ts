// The one authorization policy module. Routes and services ask it; they never
// look at roles themselves. Objects outside a viewer's scope are "not found"
// (404), so a resident cannot even learn that another household's order exists.
import type { HouseholdTagKind, Order, Prisma, Role } from '@prisma/client';
import type { Viewer } from './auth/viewer.js';
import { join, sql, type SqlQuery } from './sql.js';

export const isAdmin = (v: Viewer) => v.roles.some((r) => r.role === 'ADMIN');

export function communitiesWith(v: Viewer, roles: Role[]): string[] {
  return v.roles.filter((r) => roles.includes(r.role) && r.communityId).map((r) => r.communityId!);
}

export const gridsWorkedBy = (v: Viewer) =>
  v.roles.filter((r) => r.role === 'GRID_WORKER' && r.gridId).map((r) => r.gridId!);

export const buildingsHeadedBy = (v: Viewer) =>
  v.roles.filter((r) => r.role === 'BUILDING_HEAD' && r.buildingId).map((r) => r.buildingId!);

export const isStaffOf = (v: Viewer, communityId: string) =>
  isAdmin(v) || communitiesWith(v, ['STAFF']).includes(communityId);

export const isReviewerOf = (v: Viewer, communityId: string) => communitiesWith(v, ['REVIEWER']).includes(communityId);

/** The community a viewer acts in by default: their home, else the first community a role gives them. */
export function homeCommunity(v: Viewer): string | null {
  return v.resident?.communityId ?? v.roles.find((r) => r.communityId)?.communityId ?? null;
}

// --- places -----------------------------------------------------------------

export interface Place {
  communityId: string;
  gridId: string;
  buildingId: string;
  householdId: string;
}

/**
 * How much of a household a viewer may see.
 * - full: own household, community staff, admin (ID numbers, phones, every tag)
 * - contact: the grid's worker (phones and every tag, ID numbers masked) — they call and visit
 * - basic: anyone else in scope (names and rooms; no sensitive tags)
 */
export type HouseholdAccess = 'full' | 'contact' | 'basic';

export function householdAccess(v: Viewer, p: Place): HouseholdAccess {
  if (v.resident?.householdId === p.householdId || isStaffOf(v, p.communityId)) return 'full';
  if (gridsWorkedBy(v).includes(p.gridId)) return 'contact';
  return 'basic';
}

/** Residents a viewer may look up (to file for them, or to see a grid's households). */
export function residentScope(v: Viewer): Prisma.ResidentWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.ResidentWhereInput[] = [];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const buildings = buildingsHeadedBy(v);
  if (buildings.length) or.push({ household: { buildingId: { in: buildings } } });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ household: { building: { gridId: { in: grids } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Households a viewer may list: own, the building they head, the grid they work, the community they staff. */
export function householdScope(v: Viewer): Prisma.HouseholdWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.HouseholdWhereInput[] = [];
  if (v.resident) or.push({ id: v.resident.householdId });
  const buildings = buildingsHeadedBy(v);
  if (buildings.length) or.push({ buildingId: { in: buildings } });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ building: { gridId: { in: grids } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Listing households at all takes some role beyond being a resident; householdScope then decides which. */
export const canListHouseholds = (v: Viewer) => v.roles.some((r) => r.role !== 'RESIDENT');

/** Tags that are nobody's business but the household's, its grid worker's and the community staff's. */
export const SENSITIVE_TAGS: ReadonlySet<HouseholdTagKind> = new Set(['DISABLED', 'LOW_INCOME', 'MONITORED']);

/** Who may raise a request for a resident: themselves and their household, the building head, the grid worker, community staff. */
export function canFileFor(v: Viewer, p: Place): boolean {
  return (
    v.resident?.householdId === p.householdId ||
    buildingsHeadedBy(v).includes(p.buildingId) ||
    gridsWorkedBy(v).includes(p.gridId) ||
    isStaffOf(v, p.communityId)
  );
}

// --- orders -----------------------------------------------------------------

/** The orders a viewer can see at all. */
export function orderScope(v: Viewer): Prisma.OrderWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.OrderWhereInput[] = [{ filedById: v.userId }, { assigneeId: v.userId }];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ gridId: { in: grids } });
  const communities = communitiesWith(v, ['STAFF', 'REVIEWER']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return { OR: or };
}

/**
 * orderScope as SQL conditions on the order `o`, one per way of seeing an order,
 * each one column equal to one value (one per grid, one per community), so each
 * can be read newest first from its own (column, createdAt) index. An order
 * matches as soon as it matches one. Keep this and orderScope alike.
 */
export function orderScopeArms(v: Viewer): SqlQuery[] {
  if (isAdmin(v)) return [sql`1 = 1`];
  const arms: SqlQuery[] = [sql`o."filedById" = ${v.userId}`, sql`o."assigneeId" = ${v.userId}`];
  if (v.resident) arms.push(sql`o."householdId" = ${v.resident.householdId}`);
  for (const g of gridsWorkedBy(v)) arms.push(sql`o."gridId" = ${g}`);
  for (const c of communitiesWith(v, ['STAFF', 'REVIEWER'])) arms.push(sql`o."communityId" = ${c}`);
  return arms;
}

/** orderScope as one SQL condition on the order `o`, for the hand-written order queries (server/orders/orderRows.ts). */
export const orderScopeSql = (v: Viewer): SqlQuery => sql`(${join(orderScopeArms(v), ' OR ')})`;

type OrderFacts = Pick<Order, 'communityId' | 'gridId' | 'householdId' | 'filedById' | 'assigneeId'>;

const ownsOrder = (v: Viewer, o: OrderFacts) => v.resident?.householdId === o.householdId || o.filedById === v.userId;

/** The worker an order is with: its assignee, or before dispatch the worker of its grid. */
const worksOrder = (v: Viewer, o: OrderFacts) =>
  o.assigneeId ? o.assigneeId === v.userId : gridsWorkedBy(v).includes(o.gridId);

/** Who may take each step of the 四单 flow on an order already in their scope. */
export const orderPolicy = {
  dispatch: (v: Viewer, o: OrderFacts) => isStaffOf(v, o.communityId),
  claim: worksOrder,
  resolve: worksOrder,
  feedback: ownsOrder,
  cancel: ownsOrder,
  review: (v: Viewer, o: OrderFacts) => isReviewerOf(v, o.communityId),
  /** Phones of the resident an order is for: whoever must act on it. */
  seeContact: (v: Viewer, o: OrderFacts) =>
    ownsOrder(v, o) || o.assigneeId === v.userId || isStaffOf(v, o.communityId),
} satisfies Record<string, (v: Viewer, o: OrderFacts) => boolean>;

export type OrderPolicyAction = keyof typeof orderPolicy;

// --- uploads ----------------------------------------------------------------

/** An image is visible to its uploader and to whoever can see the order it is attached to. */
export function uploadScope(v: Viewer): Prisma.UploadWhereInput {
  return { OR: [{ ownerId: v.userId }, { orderPhoto: { order: orderScope(v) } }] };
}

// --- points and the shop ----------------------------------------------------

/** A household's points ledger: the household itself and its community's staff. */
export const canSeeLedger = (v: Viewer, h: { id: string; communityId: string }) =>
  v.resident?.householdId === h.id || isStaffOf(v, h.communityId);

/** Redemptions a viewer can see: their own household's, or their community's for staff (the shop counter). */
export function redemptionScope(v: Viewer): Prisma.RedemptionWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.RedemptionWhereInput[] = [];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

export const redemptionPolicy = {
  /** Staff at the counter, or the household itself before pickup. */
  cancel: (v: Viewer, r: { householdId: string; communityId: string }) =>
    v.resident?.householdId === r.householdId || isStaffOf(v, r.communityId),
  handOver: (v: Viewer, r: { communityId: string }) => isStaffOf(v, r.communityId),
};

// --- notices and the group bot ----------------------------------------------

/** Notices a viewer may read: their home building's, the buildings they head, the grids they work, the communities they staff. */
export function noticeScope(v: Viewer): Prisma.NoticeWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.NoticeWhereInput[] = [];
  const buildings = [...(v.resident ? [v.resident.buildingId] : []), ...buildingsHeadedBy(v)];
  if (buildings.length) or.push({ buildings: { some: { buildingId: { in: buildings } } } });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ buildings: { some: { building: { gridId: { in: grids } } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** Writing notices, following their delivery and linking building groups is community staff's work. */
export const noticePolicy = {
  compose: (v: Viewer, communityId: string) => isStaffOf(v, communityId),
  manage: (v: Viewer, n: { communityId: string }) => isStaffOf(v, n.communityId),
  linkGroup: (v: Viewer, b: { communityId: string }) => isStaffOf(v, b.communityId),
};

/** Chat groups staff may see: their community's, and the ones not yet linked to any community (so they can pick). */
export function chatGroupScope(v: Viewer): Prisma.ChatGroupWhereInput {
  if (isAdmin(v)) return {};
  const communities = communitiesWith(v, ['STAFF']);
  if (!communities.length) return { id: { in: [] } };
  return { OR: [{ communityId: null }, { communityId: { in: communities } }] };
}

// --- jobs, training and the employment ledger ---------------------------------

/** Postings and courses are published to the whole community; staff run them. */
export const canManageJobs = (v: Viewer, communityId: string) => isStaffOf(v, communityId);

/**
 * Whose employment a viewer may see and record: their own household (to see),
 * the grid's worker (who collects the 就业信息 door to door) and community staff.
 * Building heads do not see their neighbours' employment.
 */
export function employmentScope(v: Viewer): Prisma.ResidentWhereInput {
  if (isAdmin(v)) return {};
  const or: Prisma.ResidentWhereInput[] = [];
  if (v.resident) or.push({ householdId: v.resident.householdId });
  const grids = gridsWorkedBy(v);
  if (grids.length) or.push({ household: { building: { gridId: { in: grids } } } });
  const communities = communitiesWith(v, ['STAFF']);
  if (communities.length) or.push({ communityId: { in: communities } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

/** The employment ledger of households beyond one's own: grid workers and staff. */
export const canListEmployment = (v: Viewer) =>
  isAdmin(v) || v.roles.some((r) => r.role === 'GRID_WORKER' || r.role === 'STAFF');

export const canRecordEmployment = (v: Viewer, p: { communityId: string; gridId: string }) =>
  isStaffOf(v, p.communityId) || gridsWorkedBy(v).includes(p.gridId);
