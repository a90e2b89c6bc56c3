import type { HouseholdTag, Resident } from '@prisma/client';
import { SENSITIVE_TAGS, type HouseholdAccess } from '../policies/index.js';

type Place = { id: string; name: string };

/** 520524199001011234 → 5205**********1234 */
export const maskIdNumber = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****');

export function presentResident(r: Resident, access: HouseholdAccess) {
  const base = { id: r.id, name: r.name, relation: r.relation };
  if (access === 'basic') return base;
  return {
    ...base,
    gender: r.gender,
    birthYear: r.birthYear,
    phone: r.phone,
    idNumber: r.idNumber && (access === 'full' ? r.idNumber : maskIdNumber(r.idNumber)),
  };
}

export function presentTags(tags: HouseholdTag[], access: HouseholdAccess) {
  return tags
    .filter((t) => access !== 'basic' || !SENSITIVE_TAGS.has(t.kind))
    .map((t) => ({ kind: t.kind, ...(access !== 'basic' && t.note ? { note: t.note } : {}) }));
}

export function presentHousehold(
  h: { id: string; room: string; groundFloor: boolean; unit: { name: string }; building: Place; residents: Resident[]; tags: HouseholdTag[] },
  access: HouseholdAccess,
) {
  return {
    id: h.id,
    building: { id: h.building.id, name: h.building.name },
    room: `${h.unit.name} ${h.room}`,
    groundFloor: h.groundFloor,
    members: h.residents.map((r) => presentResident(r, access)),
    tags: presentTags(h.tags, access),
    access,
  };
}

export const presentGridWorker = (r: { user: { id: string; displayName: string }; grid: Place | null }, openOrders: number) => ({
  id: r.user.id,
  name: r.user.displayName,
  grid: r.grid,
  openOrders,
});

export const presentResidentChoice = (r: { id: string; name: string; household: { room: string; unit: { name: string }; building: Place } }) => ({
  id: r.id,
  name: r.name,
  building: { id: r.household.building.id, name: r.household.building.name },
  room: `${r.household.unit.name} ${r.household.room}`,
});

export const presentInvite = (code: string, expiresAt: Date, r: { id: string; name: string }) => ({
  code,
  expiresAt,
  resident: { id: r.id, name: r.name },
});
