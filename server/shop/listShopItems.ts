// The 积分超市 shelf as residents browse it (staff also see what is off the shelf).
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { canManagePoints, homeCommunity, householdOf } from '../policies/index.js';
import { presentItem } from './presenter.js';
import { limitLeft, listItems } from './queries.js';

export async function listShopItems(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  const items = await listItems(deps.sql, communityId, canManagePoints(v, communityId));
  const now = deps.clock();
  // what the viewer's household may still take of each, when the viewer has one
  const householdId = householdOf(v)?.householdId;
  return Promise.all(items.map(async (i) => presentItem(i, householdId ? await limitLeft(deps.sql, i, householdId, now) : undefined)));
}
