import type { HouseholdTag, Resident } from '@prisma/client';
import { SENSITIVE_TAGS, type HouseholdAccess } from '../policies/index.js';

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
