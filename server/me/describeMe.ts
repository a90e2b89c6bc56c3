import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { homeCommunity } from '../policies/index.js';
import { consentOf } from './consents.js';
import { presentMe } from './presenter.js';

/** Who am I: user, roles, and where I live (community, grid, building, room). */
export async function describeMe(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  const [community, household, consent] = await Promise.all([
    communityId ? deps.db.community.findUnique({ where: { id: communityId }, select: { id: true, name: true, estate: true } }) : null,
    v.resident
      ? deps.db.household.findUnique({
          where: { id: v.resident.householdId },
          include: { unit: true, building: { include: { grid: true } } },
        })
      : null,
    consentOf(deps, v),
  ]);
  return presentMe(v, community, household, consent);
}
