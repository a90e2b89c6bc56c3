// The 四单 flow: which orders a viewer sees, and who takes each step.
import type { EscalationStage, Order, Prisma, Role, Urgency } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { join, sql, type SqlQuery } from '../sql.js';
import { communitiesOverseen, communitiesWith, gridsWorkedBy, isAdmin, isReviewerOf, isStaffOf, mayAdministerCommunity } from './roles.js';

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

/** The working side of an order's conversation: its worker, the workers of its grid, the community's staff. */
const worksOnOrder = (v: Viewer, o: OrderFacts) =>
  o.assigneeId === v.userId || gridsWorkedBy(v).includes(o.gridId) || isStaffOf(v, o.communityId);

/** Whether the viewer speaks for the requester on this order (the household, or who filed it): their updates answer a 待补充. */
export const speaksForRequester = (v: Viewer, o: OrderFacts) => ownsOrder(v, o);

/**
 * 是不是这件事？ A resident may be offered, and join (+1), open orders of their own building
 * in the same category: not their own household's (those they already see).
 */
export const mayJoinOrder = (v: Viewer, o: Pick<Order, 'communityId' | 'buildingId' | 'householdId'>) =>
  !!v.resident && v.resident.buildingId === o.buildingId && v.resident.householdId !== o.householdId;

/** The stock replies (常用回复) of a community: read by whoever works its orders, edited by its staff (and its administrators: 社区设置, policies/settings.ts). */
export const mayReadStockReplies = (v: Viewer, communityId: string) =>
  isAdmin(v) || communitiesWith(v, ['STAFF', 'REVIEWER', 'GRID_WORKER']).includes(communityId) || mayAdministerCommunity(v, communityId);
export const mayEditStockReplies = (v: Viewer, communityId: string) => isStaffOf(v, communityId) || mayAdministerCommunity(v, communityId);

/**
 * The worker who handled the order. Feedback and review are given on a resolved
 * order, and there its assignee is who claimed and resolved it: a claim makes the
 * claimer the assignee, only the assignee resolves, and no dispatch moves it after.
 */
const handledOrder = (v: Viewer, o: OrderFacts) => o.assigneeId === v.userId;

/** Who may take each step of the 四单 flow on an order already in their scope. */
export const orderPolicy = {
  dispatch: (v: Viewer, o: OrderFacts) => isStaffOf(v, o.communityId),
  claim: worksOrder,
  resolve: worksOrder,
  // nobody rates their own work, not even on their own household's order or one they filed for a resident
  feedback: (v: Viewer, o: OrderFacts) => ownsOrder(v, o) && !handledOrder(v, o),
  cancel: ownsOrder,
  review: (v: Viewer, o: OrderFacts) => isReviewerOf(v, o.communityId) && !handledOrder(v, o),
  // the conversation on an order (server/orders/conversation.ts): the requester's side (household, filer)
  // and the working side (the worker it is with, any worker of its grid, staff); reviewers read it only
  update: (v: Viewer, o: OrderFacts) => ownsOrder(v, o) || worksOnOrder(v, o),
  // 待补充: the working side asks, the requester's side answers
  ask: (v: Viewer, o: OrderFacts) => worksOnOrder(v, o),
  answer: ownsOrder,
  // merging a duplicate into another order: staff
  merge: (v: Viewer, o: OrderFacts) => isStaffOf(v, o.communityId),
  // what a viewer sees of the resident an order is for, their phone among it, is the
  // visibility table's (relationsToOrder, server/policies/visibility.ts): filing for
  // a neighbour does not earn their phone
} satisfies Record<string, (v: Viewer, o: OrderFacts) => boolean>;

export type OrderPolicyAction = keyof typeof orderPolicy;

/** 批量派单 at all: staff of some community, or an admin; each order is still checked by orderPolicy.dispatch. */
export const canDispatchSomewhere = (v: Viewer) => isAdmin(v) || communitiesWith(v, ['STAFF']).length > 0;


/** The community's order figures (the 四单 dashboard): its staff and reviewers. */
export const canSeeOrderFigures = (v: Viewer, communityId: string) =>
  isAdmin(v) || communitiesWith(v, ['STAFF', 'REVIEWER']).includes(communityId);

/** The monthly 四单 report of a community (server/orders/monthlyReport.ts): who sees its dashboard, and the 街道/县 over it. */
export const mayReadMonthlyOrderReport = (v: Viewer, communityId: string) => canSeeOrderFigures(v, communityId) || communitiesOverseen(v).includes(communityId);

/**
 * Who is alerted, by role, when an order misses a deadline (server/orders/emergencyAlerts.ts finds them,
 * server/notices/escalationAlerts.ts tells them). Read from the chain of case report 002 (联系领导联系社区 +
 * 干部包保小区 + 社区管理网格 + 楼栋长负责楼栋, the 10分钟应急 commitment): an emergency unclaimed at 10 minutes
 * goes to the grid's other workers and the community's staff; at 20 minutes one level up, to the staff again,
 * the community's party organisation (the REVIEWER role: 党组织, who lead the 两委) and the admins of the 街道
 * above it (the 联系领导). A 评单 past its deadline goes to the reviewers, and to staff who follow it up.
 * Ordinary orders late to be claimed or resolved alert nobody at once: they reach staff in the 08:30 digest.
 */
export const ESCALATION_AUDIENCE = {
  emergency: {
    response: ['GRID_WORKER', 'STAFF'],
    response_second: ['STAFF', 'REVIEWER', 'STREET_ADMIN'],
    resolution: [],
    review: ['REVIEWER', 'STAFF'],
  },
  normal: { response: [], response_second: [], resolution: [], review: ['REVIEWER', 'STAFF'] },
} as const satisfies Record<Urgency, Record<EscalationStage, readonly Role[]>>;

/** The roles alerted when an order of `urgency` reaches `stage`; the worker already holding it is never among them. */
export const escalationAudience = (urgency: Urgency, stage: EscalationStage): readonly Role[] => ESCALATION_AUDIENCE[urgency][stage];
