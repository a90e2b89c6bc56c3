// What the ledger shows: a person's records, a household with each member's
// situation (and whether it is a 零就业家庭), and the figures the reports cite.
import type { EmploymentRecord } from '@prisma/client';
import { EMPLOYMENT_STATUS_LABELS } from '../../shared/words.js';
import { EMPLOYED, WORKING_AGE } from './ledger.js';
import type { HouseholdWithSituations } from './queries.js';
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

/** A household with each member's current situation, in the ledger's `year`. */
export function presentHousehold(h: HouseholdWithSituations, year: number) {
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

export type HouseholdEmployment = ReturnType<typeof presentHousehold>;

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
