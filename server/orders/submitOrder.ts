// 群众点单: a resident raises a request, or a building head / grid worker / staff member raises it for them.
import type { Viewer } from '../auth/index.js';
import { isReservedCategory } from '../categories/index.js';
import { SCENE } from '../contentSecurity.js';
import { checkUserText } from '../wechat/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { canFileFor, type Place } from '../policies/index.js';
import { sql } from '../sql.js';
import { insertOrder, type OrderDetailRow } from './queries.js';
import { presentOrderDetail } from './presenter.js';
import { reviewDeadlineDaysOf } from './reviewDeadline.js';
import type { SubmitOrderBody } from './schemas.js';
import { deadlines } from './sla.js';

// Filing is the busiest write of the 四单 flow: everything it needs is read in one
// query before any write, so SQLite's single writer is held only for the inserts
// (server/orders/queries.ts insertOrder).
// `note`: what the timeline's first step says of where the order came from (a building patrol, a care visit)
export async function submitOrder(deps: Deps, viewer: Viewer, body: SubmitOrderBody, opts: { reservedCategory?: boolean; note?: string } = {}) {
  // 信息更正 and any other kind with its own route is filed there, never through the ordinary picker
  if (!opts.reservedCategory && isReservedCategory(body.category)) throw badRequest('body.category', `unknown category "${body.category}"`);
  const now = deps.clock();
  const residentId = body.onBehalfOf ?? viewer.resident?.id;
  if (!residentId) {
    throw new AppError('forbidden', 'this account is not linked to a household yet; ask your building head or grid worker');
  }
  // everything filing needs, and the answer shows, in one query
  const found = await deps.sql.one<FilingFacts>(sql`
    SELECT r.id, r.name, r.phone, r."communityId", r."householdId", h."buildingId", h.room, un.name AS unit,
           b.name AS building, b."gridId",
           c.id AS "categoryId", c.code AS "categoryCode", c.name AS "categoryName", c.icon AS "categoryIcon", c.active AS "categoryActive", c.emergency AS "categoryEmergency",
           c."responseMinutes", c."resolveMinutes",
           (SELECT ur."userId" FROM "UserRole" ur WHERE ur.role = 'GRID_WORKER' AND ur."gridId" = b."gridId"
             ORDER BY ur."createdAt", ur.id LIMIT 1) AS "workerId",
           (SELECT u."displayName" FROM "UserRole" ur JOIN "User" u ON u.id = ur."userId" WHERE ur.role = 'GRID_WORKER' AND ur."gridId" = b."gridId"
             ORDER BY ur."createdAt", ur.id LIMIT 1) AS "workerName"
    FROM "Resident" r
    JOIN "Household" h ON h.id = r."householdId"
    JOIN "Unit" un ON un.id = h."unitId"
    JOIN "Building" b ON b.id = h."buildingId"
    LEFT JOIN "ServiceCategory" c ON c."communityId" = r."communityId" AND c.code = ${body.category}
    WHERE r.id = ${residentId} AND r."leftAt" IS NULL`); // a resident who left (迁出/去世) is no one to file for
  if (!found) throw notFound(body.onBehalfOf ? 'onBehalfOf: resident' : 'resident');
  const place: Place = {
    communityId: found.communityId,
    gridId: found.gridId,
    buildingId: found.buildingId,
    householdId: found.householdId,
  };
  // out of the viewer's reach looks the same as not there
  if (!canFileFor(viewer, place)) throw notFound('onBehalfOf: resident');
  if (!found.categoryId || !found.categoryActive) throw badRequest('body.category', `unknown category "${body.category}"`);
  // what the resident wrote is read by the grid worker and staff: WeChat's content check first
  await checkUserText(deps, viewer, [{ field: 'body.title', text: body.title }, { field: 'body.description', text: body.description }], SCENE.post);
  // suggest the grid's own worker; the longest-serving one if a grid has several
  const worker = found.workerId ? { id: found.workerId, displayName: found.workerName! } : null;
  const category = { id: found.categoryId, name: found.categoryName!, responseMinutes: found.responseMinutes!, resolveMinutes: found.resolveMinutes! };

  const orderId = newId();
  // a category the community marked emergency (燃气泄漏, 老人跌倒) makes every order in it one, whatever the filer chose
  const urgency = found.categoryEmergency ? 'emergency' : body.urgency;
  const due = deadlines(category, urgency, now);
  const title = body.title ?? deriveTitle(category.name, body.description);
  const filedOnBehalf = found.id !== viewer.resident?.id;
  const submitted = { communityId: place.communityId, orderId, actorId: viewer.userId, action: 'submit', fromStatus: null, toStatus: 'submitted' } as const;
  const filed = {
    id: orderId,
    ...place,
    residentId: found.id,
    filedById: viewer.userId,
    filedOnBehalf,
    categoryId: category.id,
    title,
    description: body.description,
    urgency,
    suggestedAssigneeId: worker?.id ?? null,
    ...due,
  };
  const eventId = await insertOrder(deps.sql, { ...filed, at: now, note: opts.note ?? null }, { uploadIds: body.photos, ownerId: viewer.userId });
  deps.events.emit('order.transitioned', {
    orderId,
    communityId: place.communityId,
    urgency,
    action: 'submit',
    from: null,
    to: 'submitted',
    actorId: viewer.userId,
  });
  // the answer is what was just written, not read back: three queries fewer on the busiest write
  const filedBy = { id: viewer.userId, displayName: viewer.displayName };
  const order: OrderDetailRow = {
    ...filed,
    status: 'submitted',
    assigneeId: null,
    dispatchedAt: null,
    claimedAt: null,
    resolvedAt: null,
    closedAt: null,
    satisfied: null,
    rating: null,
    reopenCount: 0,
    pausedFrom: null,
    pausedAt: null,
    mergedIntoId: null,
    joined: 0,
    createdAt: now,
    updatedAt: now,
    category: { code: found.categoryCode!, name: category.name, icon: found.categoryIcon! },
    building: { id: place.buildingId, name: found.building },
    household: { room: found.room, unit: { name: found.unit } },
    resident: { id: found.id, name: found.name, phone: found.phone },
    filedBy,
    assignee: null,
    suggestedAssignee: worker,
    events: [
      {
        id: eventId,
        ...submitted,
        note: opts.note ?? null,
        rating: null,
        satisfied: null,
        assigneeId: null,
        createdAt: now,
        actor: filedBy,
        photos: body.photos.map((uploadId) => ({ uploadId, verdict: null })),
      },
    ],
  };
  return presentOrderDetail(order, viewer, now, deps.config.sessionSecret, await reviewDeadlineDaysOf(deps.db, order.communityId));
}

interface FilingFacts extends Place {
  id: string;
  name: string;
  phone: string | null;
  room: string;
  unit: string;
  building: string;
  categoryId: string | null;
  categoryCode: string | null;
  categoryName: string | null;
  categoryIcon: string | null;
  categoryActive: boolean | null;
  /** 0/1 on SQLite */
  categoryEmergency: boolean | number | null;
  responseMinutes: number | null;
  resolveMinutes: number | null;
  workerId: string | null;
  workerName: string | null;
}

/** 水电维修：厨房水管漏水… — a title for residents who only describe the problem. */
export function deriveTitle(categoryName: string, description: string): string {
  const first = description.split(/[\n。！？!?]/)[0]!.trim();
  const short = first.length > 20 ? `${first.slice(0, 20)}…` : first;
  return `${categoryName}：${short}`;
}
