import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { homeCommunity } from '../policies/index.js';
import { CORRECTION_CATEGORY } from './correctionCategory.js';
import { categoryFields } from './presenter.js';

/** The request kinds of the viewer's community, in the order the app shows them; none for an account of no community. 信息更正 is not one: it has its own page. */
export async function listCategories(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  return deps.db.serviceCategory.findMany({
    where: { communityId, active: true, code: { not: CORRECTION_CATEGORY.code } },
    orderBy: { sort: 'asc' },
    select: categoryFields,
  });
}
