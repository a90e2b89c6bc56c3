import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { mayCreateCommunityIn, mayCreateCounty, mayCreateStreet, mayGrantRegionRole, maySeeRegions, visibleRegions } from '../policies/index.js';
import { regionsWithDetail } from './queries.js';
import type { RegionRoleName } from './schemas.js';

/** The 县 and 街道 the viewer sees, with their communities and officials: the region page. */
export async function listRegions(deps: Deps, v: Viewer) {
  if (!maySeeRegions(v)) throw forbidden('only platform, 县 and 街道 officials see the regions');
  const rows = await regionsWithDetail(deps.db, visibleRegions(v));
  return {
    items: rows.map((r) => ({
      id: r.id,
      level: r.level,
      name: r.name,
      parentId: r.parentId,
      createdAt: r.createdAt,
      communities: r.communities,
      officials: r.roles.map((o) => ({ id: o.id, role: o.role as RegionRoleName, user: { id: o.user.id, name: o.user.displayName }, since: o.createdAt, mayRemove: mayGrantRegionRole(v, r, o.role) })),
      mayCreateUnder: r.level === 'COUNTY' ? mayCreateStreet(v, r.id) : mayCreateCommunityIn(v, r),
    })),
    mayCreateCounty: mayCreateCounty(v),
  };
}
