// What the ledger shows: a person's records, a household with each member's
// situation (and whether it is a 零就业家庭), and the figures the reports cite.
import type { EmploymentRecord } from '@prisma/client';
import { EMPLOYMENT_STATUS_LABELS } from '../../shared/words.js';
import type { Viewer } from '../auth/index.js';
import { mustReveal, placeOfHousehold, relationsTo, requireVisible, revealAs, sees, type Place } from '../policies/index.js';
import { EMPLOYED, WORKING_AGE } from './ledger.js';
import type { HouseholdWithSituations, SeekingRecord } from './queries.js';
import { parseTrades } from './trades.js';

export function presentRecord(r: EmploymentRecord) {
  return {
    id: r.id,
    status: r.status,
    statusLabel: EMPLOYMENT_STATUS_LABELS[r.status],
    employer: r.employer,
    since: r.since,
    trades: parseTrades(r.trades),
    note: r.note,
    current: r.current,
    source: r.source,
    recordedAt: r.createdAt,
  };
}

const ageIn = (year: number, birthYear: number | null) => (birthYear === null ? null : year - birthYear);

/**
 * A household with every member's current situation, in the ledger's `year`,
 * whole: what the figures and the export count. A viewer gets it through
 * presentHouseholdTo.
 */
export function householdSituation(h: HouseholdWithSituations, year: number) {
  const members = h.residents.map((r) => ({
    id: r.id,
    name: r.name,
    birthYear: r.birthYear,
    status: r.employment[0]?.status ?? null,
    employer: r.employment[0]?.employer ?? null,
  }));
  const labourers = members.filter((m) => {
    const age = ageIn(year, m.birthYear);
    return age !== null && age >= WORKING_AGE.from && age <= WORKING_AGE.to && m.status !== 'unable';
  });
  const employed = members.filter((m) => m.status !== null && EMPLOYED.includes(m.status)).length;
  return {
    place: { communityId: h.communityId, gridId: h.building.gridId, buildingId: h.buildingId, householdId: h.id } satisfies Place,
    id: h.id,
    gridId: h.building.gridId,
    building: h.building.name,
    room: `${h.unit.name} ${h.room}`,
    members,
    /** Working-age members able to work. */
    labour: labourers.length,
    employed,
    zeroEmployment: labourers.length > 0 && employed === 0,
  };
}

export type HouseholdEmployment = ReturnType<typeof householdSituation>;

/**
 * A household's situation as the viewer sees it (the visibility table,
 * server/policies/visibility.ts). The ledger's lists reach only people whose
 * employment the viewer sees (employmentScope); one they do not is refused, not shown.
 */
export function presentHouseholdTo(v: Viewer, h: HouseholdEmployment) {
  const seen = relationsTo(v, h.place);
  requireVisible(seen, 'employment');
  requireVisible(seen, 'genderBirthYear'); // ages decide who counts as labour
  return {
    id: h.id,
    gridId: h.gridId,
    building: h.building,
    room: mustReveal(seen, 'room', h.room),
    members: h.members.map((m) => ({ ...m, name: mustReveal(seen, 'name', m.name) })),
    labour: h.labour,
    employed: h.employed,
    zeroEmployment: h.zeroEmployment,
  };
}

/** A person's name and employment history, as the viewer sees them. */
export function presentHistoryTo(v: Viewer, place: Place, r: { id: string; name: string }, records: EmploymentRecord[]) {
  const seen = relationsTo(v, place);
  requireVisible(seen, 'employment');
  return { resident: { id: r.id, name: mustReveal(seen, 'name', r.name) }, records: records.map(presentRecord) };
}

/**
 * A resident seeking work as the viewer sees them: their name and wanted trades
 * (their employment: refused to a viewer the table hides it from), with a phone,
 * birth year and home where the table shows them.
 */
export function presentSeekingWorkerTo(v: Viewer, r: SeekingRecord) {
  const h = r.resident.household;
  const seen = relationsTo(v, placeOfHousehold(h));
  requireVisible(seen, 'employment');
  return {
    resident: {
      id: r.resident.id,
      name: mustReveal(seen, 'name', r.resident.name),
      ...revealAs(seen, 'phone', 'phone', r.resident.phone),
      ...(sees(seen, 'genderBirthYear') ? { birthYear: r.resident.birthYear } : {}),
      ...revealAs(seen, 'room', 'home', `${h.building.name} ${h.unit.name} ${h.room}`),
    },
    trades: parseTrades(r.trades),
  };
}

/** The figures of a set of households. */
export function employmentFigures(rows: HouseholdEmployment[]) {
  const labourHouseholds = rows.filter((h) => h.labour > 0);
  const labour = rows.reduce((s, h) => s + h.labour, 0);
  const employed = rows.reduce((s, h) => s + h.employed, 0);
  return {
    households: rows.length,
    labourHouseholds: labourHouseholds.length,
    labour,
    employed,
    /** 就业率: employed people over the labour force. */
    employmentRate: labour ? Math.round((employed / labour) * 1000) / 1000 : null,
    /** 户均就业人数: employed people per household with labour. */
    employedPerLabourHousehold: labourHouseholds.length ? Math.round((employed / labourHouseholds.length) * 100) / 100 : null,
    zeroEmploymentHouseholds: rows.filter((h) => h.zeroEmployment).length,
  };
}
