// 民情日志 (server/gridLog/): a grid's running log. Its text names people and what
// happened to them (a dispute between neighbours, someone's illness), so it is read
// where the visibility table lets people's personal details be read: the grid's own
// workers (who write it) and the community's staff (the monthly report), and the
// platform admin. Building heads, residents and workers of other grids never see it;
// nor do 街道/县 officials, whose oversight is aggregates only (server/oversight).
import type { Viewer } from '../auth/viewer.js';
import { communitiesWith, gridsWorkedBy, isAdmin } from './roles.js';

/** Whose log a viewer reads, in parts (the SQL of server/gridLog/queries.ts is made from it). */
export interface GridLogReach {
  everyone: boolean;
  grids: string[];
  communities: string[];
}

export const gridLogReach = (v: Viewer): GridLogReach => ({
  everyone: isAdmin(v),
  grids: gridsWorkedBy(v),
  communities: communitiesWith(v, ['STAFF']),
});

export const mayReadGridLog = (v: Viewer) => {
  const r = gridLogReach(v);
  return r.everyone || r.grids.length > 0 || r.communities.length > 0;
};

/** The grid's own workers write its log; staff read it, they do not write it. */
export const mayWriteGridLog = (v: Viewer, gridId: string) => gridsWorkedBy(v).includes(gridId);

/** The grids a worker writes in (their default when they work one only). */
export const gridLogGridsOf = (v: Viewer) => gridsWorkedBy(v);

/**
 * The log about one household or order (its entries, from the order's drawer or the household's
 * page): read by whoever reads the log of the grid it is in. A worker of another grid does not.
 */
export const mayReadGridLogOf = (v: Viewer, place: { communityId: string; gridId: string }) => {
  const r = gridLogReach(v);
  return r.everyone || r.grids.includes(place.gridId) || r.communities.includes(place.communityId);
};
