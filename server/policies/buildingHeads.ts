// 楼栋长 duties (issue #20): patrolling the building, and passing notices on to
// households that do not read them in the mini-program.
import type { Viewer } from '../auth/viewer.js';
import { buildingsHeadedBy, communitiesWith, gridsWorkedBy, isAdmin, isStaffOf } from './roles.js';

interface BuildingPlace {
  communityId: string;
  buildingId: string;
  gridId: string;
}

/** The building's own head walks its patrol and tells its households; nobody else does it for them. */
const headsBuilding = (v: Viewer, buildingId: string) => buildingsHeadedBy(v).includes(buildingId);

/** Who follows a building's patrols and who was told: its head, its grid's workers, the community's staff. */
const followsBuilding = (v: Viewer, b: BuildingPlace) =>
  headsBuilding(v, b.buildingId) || gridsWorkedBy(v).includes(b.gridId) || isStaffOf(v, b.communityId);

export const patrolPolicy = {
  /** Start a patrol, mark its items, file an order for a problem found. */
  walk: (v: Viewer, buildingId: string) => headsBuilding(v, buildingId),
  see: followsBuilding,
  /** The checklist and how often: the community's staff. */
  setChecklist: (v: Viewer, communityId: string) => isStaffOf(v, communityId),
  /** The checklist may be read by whoever patrols or follows patrols in the community. */
  readChecklist: (v: Viewer, communityId: string) =>
    isStaffOf(v, communityId) || communitiesWith(v, ['BUILDING_HEAD', 'GRID_WORKER']).includes(communityId),
};

/** The buildings whose patrols a viewer follows, as a filter: all (admin), some communities, some grids and buildings; null: none. */
export function patrolScope(v: Viewer): { all: true } | { communityIds: string[]; gridIds: string[]; buildingIds: string[] } | null {
  if (isAdmin(v)) return { all: true };
  const scope = { communityIds: communitiesWith(v, ['STAFF']), gridIds: gridsWorkedBy(v), buildingIds: buildingsHeadedBy(v) };
  return scope.communityIds.length || scope.gridIds.length || scope.buildingIds.length ? scope : null;
}

/** The buildings a head looks after (their 巡查 and 告知 lists). */
export const headedBuildings = (v: Viewer) => buildingsHeadedBy(v);

export const noticeReachPolicy = {
  /** Mark a household 已告知: the building's head. */
  tell: (v: Viewer, buildingId: string) => headsBuilding(v, buildingId),
  see: followsBuilding,
};
