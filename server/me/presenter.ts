import type { Viewer } from '../auth/index.js';
import { grantsOf } from '../policies/index.js';
import type { consentState } from './consents.js';

interface Home {
  unit: { name: string };
  room: string;
  building: { id: string; name: string; grid: { id: string; name: string } };
}

/** The user as they see themselves: their roles, and their home once linked to a resident. */
export function presentMe(v: Viewer, community: { id: string; name: string; estate: string } | null, home: Home | null, consent: ReturnType<typeof consentState>) {
  return {
    user: { id: v.userId, name: v.displayName },
    roles: grantsOf(v),
    linked: v.resident !== null,
    community,
    resident: v.resident && { id: v.resident.id, name: v.resident.name, householdId: v.resident.householdId },
    building: home && { id: home.building.id, name: home.building.name },
    grid: home && { id: home.building.grid.id, name: home.building.grid.name },
    room: home && `${home.unit.name} ${home.room}`,
    consent,
  };
}
