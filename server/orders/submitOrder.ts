// 群众点单: a resident raises a request, or a building head / grid worker / staff member raises it for them.
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { canFileFor, residentScope } from '../policy.js';
import { getOrder } from './getOrder.js';
import { attachPhotos } from './photos.js';
import type { SubmitOrderBody } from './schemas.js';
import { deadlines } from './sla.js';

export async function submitOrder(deps: Deps, viewer: Viewer, body: SubmitOrderBody) {
  const now = deps.clock();
  const created = await deps.db.$transaction(async (tx) => {
    const residentId = body.onBehalfOf ?? viewer.resident?.id;
    if (!residentId) {
      throw new AppError('forbidden', 'this account is not linked to a household yet; ask your building head or grid worker');
    }
    const resident = await tx.resident.findFirst({
      where: { AND: [{ id: residentId }, residentScope(viewer)] },
      include: { household: { include: { building: { select: { gridId: true } } } } },
    });
    if (!resident) throw notFound(body.onBehalfOf ? 'onBehalfOf: resident' : 'resident');
    const place = {
      communityId: resident.communityId,
      gridId: resident.household.building.gridId,
      buildingId: resident.household.buildingId,
      householdId: resident.householdId,
    };
    if (!canFileFor(viewer, place)) throw notFound('onBehalfOf: resident');

    const category = await tx.serviceCategory.findUnique({
      where: { communityId_code: { communityId: place.communityId, code: body.category } },
    });
    if (!category || !category.active) throw badRequest('body.category', `unknown category "${body.category}"`);

    // suggest the grid's own worker; the longest-serving one if a grid has several
    const gridWorker = await tx.userRole.findFirst({
      where: { role: 'GRID_WORKER', gridId: place.gridId },
      orderBy: { createdAt: 'asc' },
      select: { userId: true },
    });

    const order = await tx.order.create({
      data: {
        ...place,
        residentId: resident.id,
        filedById: viewer.userId,
        filedOnBehalf: resident.id !== viewer.resident?.id,
        categoryId: category.id,
        title: body.title ?? deriveTitle(category.name, body.description),
        description: body.description,
        urgency: body.urgency,
        suggestedAssigneeId: gridWorker?.userId ?? null,
        ...deadlines(category, body.urgency, now),
        createdAt: now,
        updatedAt: now,
      },
    });
    const event = await tx.orderEvent.create({
      data: {
        communityId: place.communityId,
        orderId: order.id,
        actorId: viewer.userId,
        action: 'submit',
        fromStatus: null,
        toStatus: 'submitted',
        createdAt: now,
      },
    });
    await attachPhotos(tx, {
      uploadIds: body.photos,
      ownerId: viewer.userId,
      communityId: place.communityId,
      orderId: order.id,
      eventId: event.id,
      at: now,
    });
    return { orderId: order.id, communityId: order.communityId };
  });
  deps.events.emit('order.transitioned', {
    ...created,
    action: 'submit',
    from: null,
    to: 'submitted',
    actorId: viewer.userId,
  });
  return getOrder(deps, viewer, created.orderId);
}

/** 水电维修：厨房水管漏水… — a title for residents who only describe the problem. */
export function deriveTitle(categoryName: string, description: string): string {
  const first = description.split(/[\n。！？!?]/)[0]!.trim();
  const short = first.length > 20 ? `${first.slice(0, 20)}…` : first;
  return `${categoryName}：${short}`;
}
