// What a viewer sees of households and residents: each field as the visibility
// table (server/policies/visibility.ts) allows for the viewer's relations to them.
import type { HouseholdTag, Resident } from '@prisma/client';
import type { Config } from '../config.js';
import { mustReveal, reveal, sees, tagField, visibilityFor, type ViewerRelation } from '../policies/index.js';
import { idNumberOf } from './idNumbers.js';

type Place = { id: string; name: string };
type Keys = Config['idNumbers'];

/** A resident's ID number as these relations see it (decrypted only when some of it shows). */
export const idNumberAsSeen = (keys: Keys, r: { idNumberEncrypted: string | null }, seen: readonly ViewerRelation[]) =>
  sees(seen, 'idNumber') ? { idNumber: reveal(seen, 'idNumber', idNumberOf(keys, r)) } : {};

export function presentResident(r: Resident, seen: readonly ViewerRelation[], keys: Keys) {
  return {
    id: r.id,
    name: mustReveal(seen, 'name', r.name),
    relation: r.relation,
    ...(sees(seen, 'genderBirthYear') ? { gender: r.gender, birthYear: r.birthYear } : {}),
    ...(sees(seen, 'phone') ? { phone: reveal(seen, 'phone', r.phone) } : {}),
    ...idNumberAsSeen(keys, r, seen),
  };
}

export function presentTags(tags: HouseholdTag[], seen: readonly ViewerRelation[]) {
  const notes = sees(seen, 'tagNote');
  return tags
    .filter((t) => visibilityFor(seen, tagField(t.kind)) === 'shown')
    .map((t) => ({ kind: t.kind, ...(notes && t.note ? { note: t.note } : {}) }));
}

/**
 * The old three levels, kept in the answer as a summary for the app: `full`
 * with whole ID numbers (the household itself), `contact` with phones, `basic` with neither.
 */
const accessLabel = (seen: readonly ViewerRelation[]): 'full' | 'contact' | 'basic' =>
  visibilityFor(seen, 'idNumber') === 'shown' ? 'full' : sees(seen, 'phone') ? 'contact' : 'basic';

export function presentHousehold(
  h: { id: string; room: string; groundFloor: boolean; unit: { name: string }; building: Place; residents: Resident[]; tags: HouseholdTag[] },
  seen: readonly ViewerRelation[],
  keys: Keys,
) {
  return {
    id: h.id,
    building: { id: h.building.id, name: h.building.name },
    room: mustReveal(seen, 'room', `${h.unit.name} ${h.room}`),
    groundFloor: h.groundFloor,
    members: h.residents.map((r) => presentResident(r, seen, keys)),
    tags: presentTags(h.tags, seen),
    access: accessLabel(seen),
  };
}

export const presentGridWorker = (r: { user: { id: string; displayName: string }; grid: Place | null }, openOrders: number) => ({
  id: r.user.id,
  name: r.user.displayName,
  grid: r.grid,
  openOrders,
});

export const presentResidentChoice = (
  r: { id: string; name: string; household: { room: string; unit: { name: string }; building: Place } },
  seen: readonly ViewerRelation[],
) => ({
  id: r.id,
  name: mustReveal(seen, 'name', r.name),
  building: { id: r.household.building.id, name: r.household.building.name },
  room: mustReveal(seen, 'room', `${r.household.unit.name} ${r.household.room}`),
});

export const presentInvite = (code: string, expiresAt: Date, r: { id: string; name: string }, seen: readonly ViewerRelation[]) => ({
  code,
  expiresAt,
  resident: { id: r.id, name: mustReveal(seen, 'name', r.name) },
});
