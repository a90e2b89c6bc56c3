import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { communitiesWithSizes } from '../org/index.js';
import { mayAdministerCommunity } from '../policies/index.js';

/** The communities whose registry the viewer administers (none for everyone else: an empty list, not a refusal). */
export async function listCommunities(deps: Deps, v: Viewer) {
  return (await communitiesWithSizes(deps.db)).filter((c) => mayAdministerCommunity(v, c.id));
}
