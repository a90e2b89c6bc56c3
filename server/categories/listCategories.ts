import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { homeCommunity } from '../policies/index.js';
import { categoryFields } from './presenter.js';

/** The request kinds of the viewer's community, in the order the app shows them; none for an account of no community. */
export async function listCategories(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  return deps.db.serviceCategory.findMany({
    where: { communityId, active: true },
    orderBy: { sort: 'asc' },
    select: categoryFields,
  });
}
