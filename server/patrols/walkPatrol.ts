// The building head walks the patrol: starts it, marks each item 正常/有问题 (note,
// photo), and turns a problem into an order in one tap.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { submitOrder } from '../orders/index.js';
import { awardForRule, dayLabel } from '../points/index.js';
import { patrolPolicy } from '../policies/index.js';
import { presentPatrol } from './presenter.js';
import { activeItems, ensureChecklist, findPatrol, type PatrolRow } from './queries.js';
import type { CheckItemBody, FileProblemBody } from './schemas.js';

const buildingOf = (deps: Deps, id: string) =>
  deps.db.building.findUnique({ where: { id }, select: { id: true, name: true, communityId: true, gridId: true } });

type Building = NonNullable<Awaited<ReturnType<typeof buildingOf>>>;

/** The patrol and its building if the viewer may `walk` it (or only `see` it); otherwise not found. */
async function patrolFor(deps: Deps, viewer: Viewer, id: string, need: 'walk' | 'see') {
  const p = await findPatrol(deps.db, id);
  const building = p ? await buildingOf(deps, p.buildingId) : null;
  if (!p || !building) throw notFound('patrol');
  const may = need === 'walk' ? patrolPolicy.walk(viewer, building.id) : patrolPolicy.see(viewer, { ...building, buildingId: building.id });
  if (!may) throw notFound('patrol');
  return { p, building };
}

export async function answerPatrol(deps: Deps, p: PatrolRow, building: Building) {
  const [items, head] = await Promise.all([
    activeItems(deps.db, p.communityId),
    deps.db.user.findUnique({ where: { id: p.headId }, select: { id: true, displayName: true } }),
  ]);
  return presentPatrol(
    p,
    { building: { id: building.id, name: building.name }, head: { id: p.headId, name: head?.displayName ?? '' }, items },
    deps.clock(),
    deps.config.sessionSecret,
  );
}

/** Starts a patrol of a building the viewer heads, or goes on with the one begun and not finished. */
export async function startPatrol(deps: Deps, viewer: Viewer, buildingId: string) {
  const building = await buildingOf(deps, buildingId);
  if (!building || !patrolPolicy.walk(viewer, building.id)) throw notFound('body.buildingId: building');
  const now = deps.clock();
  await ensureChecklist(deps.db, building.communityId, now);
  const open = await deps.db.patrol.findFirst({ where: { buildingId, finishedAt: null }, orderBy: { startedAt: 'desc' }, select: { id: true } });
  const id = open?.id ?? (await deps.db.patrol.create({ data: { communityId: building.communityId, buildingId, headId: viewer.userId, startedAt: now } })).id;
  return answerPatrol(deps, (await findPatrol(deps.db, id))!, building);
}

export async function getPatrol(deps: Deps, viewer: Viewer, id: string) {
  const { p, building } = await patrolFor(deps, viewer, id, 'see');
  return answerPatrol(deps, p, building);
}

/** Marks one item; the patrol is finished once every item of the checklist is marked. */
export async function checkItem(deps: Deps, viewer: Viewer, patrolId: string, itemId: string, body: CheckItemBody) {
  const { p, building } = await patrolFor(deps, viewer, patrolId, 'walk');
  const now = deps.clock();
  const item = await deps.db.patrolItem.findFirst({ where: { id: itemId, communityId: p.communityId }, select: { id: true, name: true, active: true } });
  const before = p.checks.find((c) => c.itemId === itemId);
  if (!item || (!item.active && !before)) throw notFound('patrol item');
  if (before?.orderId) throw new AppError('conflict', 'an order was filed for this problem already; follow it there', undefined, 'order_filed');
  if (body.photoId) {
    // only the head's own upload: a photo id is no way to see someone else's picture
    const photo = await deps.db.upload.findFirst({ where: { id: body.photoId, ownerId: viewer.userId }, select: { id: true } });
    if (!photo) throw badRequest('body.photoId', 'no such photo of yours; upload it first');
  }
  const data = { result: body.result, note: body.note || null, photoId: body.photoId ?? null, checkedAt: now };
  const finished = await deps.db.$transaction(async (tx) => {
    await tx.patrolCheck.upsert({
      where: { patrolId_itemId: { patrolId, itemId } },
      create: { patrolId, itemId, itemName: item.name, ...data },
      update: data,
    });
    if (!p.finishedAt) {
      const items = await activeItems(tx, p.communityId);
      const marked = await tx.patrolCheck.count({ where: { patrolId, itemId: { in: items.map((i) => i.id) } } });
      if (marked === items.length) return (await tx.patrol.updateMany({ where: { id: patrolId, finishedAt: null }, data: { finishedAt: now } })).count === 1;
    }
    return false;
  });
  if (finished) await awardPatrolPoints(deps, viewer, p.communityId, patrolId);
  return answerPatrol(deps, (await findPatrol(deps.db, patrolId))!, building);
}

/** The service category a problem most likely belongs to, in the catalogue's codes (server/demoFacts.ts CATEGORIES). */
export function categoryFor(itemName: string): string {
  if (/卫生|垃圾|杂物/.test(itemName)) return 'sanitation';
  if (/消防|隐患|安全|充电|门禁|单元门/.test(itemName)) return 'safety';
  return 'repair';
}

/**
 * Files an order for a problem found, through the orders folder, for the head's
 * own household (or the resident named): the order's first step says it came
 * from the patrol, and the check keeps the order's id. The check is claimed
 * first (a placeholder in its unique orderId), so two taps file one order.
 */
export async function fileProblem(deps: Deps, viewer: Viewer, patrolId: string, itemId: string, body: FileProblemBody) {
  const { p, building } = await patrolFor(deps, viewer, patrolId, 'walk');
  const check = p.checks.find((c) => c.itemId === itemId);
  if (!check) throw notFound('patrol item');
  if (check.result !== 'problem') throw new AppError('conflict', 'only an item marked 有问题 becomes an order', undefined, 'not_a_problem');
  if (check.orderId) throw new AppError('conflict', 'an order was filed for this problem already', undefined, 'order_filed');

  let residentId = body.onBehalfOf;
  if (!residentId) {
    if (viewer.resident?.buildingId !== building.id) throw badRequest('body.onBehalfOf', 'you do not live in this building: say which resident the order is for');
    residentId = viewer.resident.id;
  }
  const inBuilding = await deps.db.resident.findFirst({ where: { id: residentId, leftAt: null, household: { buildingId: building.id } }, select: { id: true } });
  if (!inBuilding) throw badRequest('body.onBehalfOf', 'no such resident in this building');

  const placeholder = `patrol:${check.id}`;
  const claimed = await deps.db.patrolCheck.updateMany({ where: { id: check.id, orderId: null, result: 'problem' }, data: { orderId: placeholder } });
  if (claimed.count !== 1) throw new AppError('conflict', 'an order was filed for this problem already', undefined, 'order_filed');
  try {
    const day = deps.clock().toISOString().slice(0, 10);
    const order = await submitOrder(
      deps,
      viewer,
      {
        category: body.category ?? categoryFor(check.itemName),
        title: `楼道巡查：${check.itemName}`.slice(0, 60),
        description: body.description ?? `${building.name}楼道巡查发现问题：${check.itemName}${check.note ? `。${check.note}` : ''}`,
        urgency: body.urgency,
        photos: check.photoId ? [check.photoId] : [],
        onBehalfOf: residentId,
      },
      { note: `来自楼道巡查（${building.name}，${day}）：${check.itemName}` },
    );
    await deps.db.patrolCheck.update({ where: { id: check.id }, data: { orderId: order.id } });
  } catch (e) {
    await deps.db.patrolCheck.updateMany({ where: { id: check.id, orderId: placeholder }, data: { orderId: null } });
    throw e;
  }
  return answerPatrol(deps, (await findPatrol(deps.db, patrolId))!, building);
}

/** The points rule a community may set up to reward a finished patrol (积分: 楼道巡查). */
export const PATROL_RULE = 'building_patrol';

/**
 * A finished patrol earns the head's household the rule's points, if the community
 * has the rule and the head lives in the community; once per patrol (the batch).
 */
async function awardPatrolPoints(deps: Deps, viewer: Viewer, communityId: string, patrolId: string) {
  const householdId = viewer.resident?.communityId === communityId ? viewer.resident.householdId : null;
  if (!householdId) return;
  const rule = await deps.db.pointsRule.findUnique({ where: { communityId_code: { communityId, code: PATROL_RULE } } });
  if (!rule?.active) return;
  await awardForRule(deps, {
    communityId,
    ruleId: rule.id,
    householdIds: [householdId],
    times: 1,
    residentId: viewer.resident!.id,
    note: `${dayLabel(deps.clock())} 楼道巡查`,
    grantedById: null,
    batch: `patrol:${patrolId}`,
  });
}
