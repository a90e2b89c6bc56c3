// The community's patrol checklist and how often each building is patrolled: staff set them.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { badRequest, forbidden } from '../errors.js';
import { homeCommunity, patrolPolicy } from '../policies/index.js';
import { activeItems, ensureChecklist, everyDaysOf } from './queries.js';
import type { ChecklistBody } from './schemas.js';

/** The community asked for, or the viewer's own. */
function communityOf(viewer: Viewer, asked: string | undefined): string {
  const communityId = asked ?? homeCommunity(viewer);
  if (!communityId) throw badRequest('communityId', 'say which community');
  return communityId;
}

export async function getChecklist(deps: Deps, viewer: Viewer, asked?: string) {
  const communityId = communityOf(viewer, asked);
  if (!patrolPolicy.readChecklist(viewer, communityId)) throw forbidden('only the community’s staff, grid workers and building heads read its patrol checklist');
  await ensureChecklist(deps.db, communityId, deps.clock());
  const [items, everyDays] = await Promise.all([activeItems(deps.db, communityId), everyDaysOf(deps.db, communityId)]);
  return { communityId, everyDays, items };
}

/** Replaces the checklist: named items keep their ids (and history), new ones are added, those left out retired. */
export async function setChecklist(deps: Deps, viewer: Viewer, body: ChecklistBody) {
  const communityId = communityOf(viewer, body.communityId);
  if (!patrolPolicy.setChecklist(viewer, communityId)) throw forbidden('only the community’s staff set its patrol checklist');
  const names = body.items.map((i) => i.name);
  const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (twice >= 0) throw badRequest(`body.items.${twice}.name`, `"${names[twice]}" is on the list twice`);
  const now = deps.clock();
  await ensureChecklist(deps.db, communityId, now);
  await deps.db.$transaction(async (tx) => {
    const existing = await tx.patrolItem.findMany({ where: { communityId }, select: { id: true } });
    const ids = new Set(existing.map((e) => e.id));
    const kept = new Set<string>();
    for (const [sort, item] of body.items.entries()) {
      if (item.id) {
        if (!ids.has(item.id)) throw badRequest(`body.items.${sort}.id`, 'no such item in this community’s checklist');
        kept.add(item.id);
        await tx.patrolItem.update({ where: { id: item.id }, data: { name: item.name, sort, active: true, updatedAt: now } });
      } else {
        await tx.patrolItem.create({ data: { communityId, name: item.name, sort, createdAt: now, updatedAt: now } });
      }
    }
    const retired = [...ids].filter((id) => !kept.has(id));
    if (retired.length) await tx.patrolItem.updateMany({ where: { id: { in: retired }, active: true }, data: { active: false, updatedAt: now } });
    await tx.patrolSettings.update({ where: { communityId }, data: { everyDays: body.everyDays, updatedAt: now } });
  });
  return getChecklist(deps, viewer, communityId);
}
