// 就业台账: each person's employment situation, with its history. A change is a
// new record (the old one stays, no longer current); recording the same thing
// again changes nothing, which is what makes a repeated import harmless.
import type { EmploymentRecord, EmploymentStatus, Prisma } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { forbidden, notFound } from '../errors.js';
import { canListEmployment, canRecordEmployment, employmentScope, homeCommunity, isStaffOf } from '../policy.js';
import type { RecordStatusBody } from './schemas.js';
import { parseTrades, type Trade } from './trades.js';

export const EMPLOYED: EmploymentStatus[] = ['employed_local', 'employed_outbound', 'public_welfare', 'self_employed'];
/** 劳动力: aged 16 to 60, as the communities count working-age people. */
export const WORKING_AGE = { from: 16, to: 60 } as const;

export const STATUS_LABELS: Record<EmploymentStatus, string> = {
  employed_local: '本地务工',
  employed_outbound: '外出务工',
  public_welfare: '公益性岗位',
  self_employed: '自主创业',
  seeking: '有意愿未就业',
  unable: '无劳动能力',
};

export interface Situation {
  status: EmploymentStatus;
  employer?: string | null;
  since?: Date | null;
  trades?: string[];
  note?: string | null;
}

/** The day in China time: a "since" is a date, however precisely it was typed. */
export const chinaDay = (d: Date | null | undefined) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null);

const sameDay = (a: Date | null | undefined, b: Date | null | undefined) => chinaDay(a) === chinaDay(b);

const same = (r: EmploymentRecord, s: Situation) =>
  r.status === s.status &&
  (r.employer ?? null) === (s.employer ?? null) &&
  sameDay(r.since, s.since) &&
  JSON.stringify(parseTrades(r.trades).sort()) === JSON.stringify([...(s.trades ?? parseTrades(r.trades))].sort());

/** Writes a person's new situation unless it is what the ledger already says. */
export async function recordSituation(
  tx: DbTx,
  p: { communityId: string; householdId: string; residentId: string; recordedById: string; source: string; at: Date },
  s: Situation,
): Promise<{ changed: boolean; record: EmploymentRecord }> {
  const current = await tx.employmentRecord.findFirst({ where: { residentId: p.residentId, current: true }, orderBy: { createdAt: 'desc' } });
  if (current && same(current, s)) return { changed: false, record: current };
  await tx.employmentRecord.updateMany({ where: { residentId: p.residentId, current: true }, data: { current: false } });
  const record = await tx.employmentRecord.create({
    data: {
      communityId: p.communityId,
      householdId: p.householdId,
      residentId: p.residentId,
      status: s.status,
      employer: s.employer ?? null,
      since: s.since ?? null,
      trades: JSON.stringify(s.trades ?? (current ? parseTrades(current.trades) : [])),
      note: s.note ?? null,
      current: true,
      source: p.source,
      recordedById: p.recordedById,
      createdAt: p.at,
    },
  });
  return { changed: true, record };
}

export async function currentTradesOf(deps: Pick<Deps, 'db'>, residentId: string): Promise<Trade[]> {
  const r = await deps.db.employmentRecord.findFirst({ where: { residentId, current: true }, select: { trades: true } });
  return r ? parseTrades(r.trades) : [];
}

export function presentRecord(r: EmploymentRecord) {
  return {
    id: r.id,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    employer: r.employer,
    since: r.since,
    trades: parseTrades(r.trades),
    note: r.note,
    current: r.current,
    source: r.source,
    recordedAt: r.createdAt,
  };
}

async function residentInScope(deps: Deps, v: Viewer, residentId: string) {
  const r = await deps.db.resident.findFirst({
    where: { AND: [{ id: residentId }, employmentScope(v)] },
    include: { household: { include: { building: { select: { gridId: true } } } } },
  });
  if (!r) throw notFound('resident');
  return r;
}

export async function recordStatus(deps: Deps, v: Viewer, residentId: string, body: RecordStatusBody) {
  const r = await residentInScope(deps, v, residentId);
  if (!canRecordEmployment(v, { communityId: r.communityId, gridId: r.household.building.gridId })) {
    throw forbidden('only the grid worker and community staff update the employment ledger');
  }
  const out = await deps.db.$transaction((tx) =>
    recordSituation(
      tx,
      { communityId: r.communityId, householdId: r.householdId, residentId: r.id, recordedById: v.userId, source: 'manual', at: deps.clock() },
      body,
    ),
  );
  return { changed: out.changed, record: presentRecord(out.record) };
}

export async function residentHistory(deps: Deps, v: Viewer, residentId: string) {
  const r = await residentInScope(deps, v, residentId);
  const records = await deps.db.employmentRecord.findMany({ where: { residentId: r.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  return { resident: { id: r.id, name: r.name }, records: records.map(presentRecord) };
}

// --- households and the numbers the reports cite -------------------------------

interface Member {
  id: string;
  name: string;
  birthYear: number | null;
  status: EmploymentStatus | null;
  employer: string | null;
}

export interface HouseholdEmployment {
  id: string;
  gridId: string;
  building: string;
  room: string;
  members: Member[];
  /** Working-age members able to work. */
  labour: number;
  employed: number;
  zeroEmployment: boolean;
}

const ageIn = (year: number, birthYear: number | null) => (birthYear === null ? null : year - birthYear);

/** Households in a scope with every member's current situation. */
export async function householdEmployment(deps: Deps, where: Prisma.HouseholdWhereInput): Promise<HouseholdEmployment[]> {
  const year = new Date(deps.clock().getTime() + 8 * 3600_000).getUTCFullYear();
  const households = await deps.db.household.findMany({
    where,
    include: {
      unit: { select: { name: true } },
      building: { select: { name: true, gridId: true } },
      residents: {
        orderBy: { id: 'asc' },
        select: {
          id: true,
          name: true,
          birthYear: true,
          employment: { where: { current: true }, select: { status: true, employer: true }, take: 1 },
        },
      },
    },
    orderBy: [{ buildingId: 'asc' }, { unitId: 'asc' }, { room: 'asc' }],
  });
  return households.map((h) => {
    const members: Member[] = h.residents.map((r) => ({
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
      labour: labourers.length,
      employed,
      zeroEmployment: labourers.length > 0 && employed === 0,
    };
  });
}

const householdScopeOf = (v: Viewer): Prisma.HouseholdWhereInput => ({ residents: { some: employmentScope(v) } });

export async function listHouseholdEmployment(deps: Deps, v: Viewer, q: { zeroEmployment?: boolean; gridId?: string; limit: number }) {
  if (!canListEmployment(v)) {
    throw forbidden('only grid workers and community staff see the employment ledger');
  }
  const rows = await householdEmployment(deps, { AND: [householdScopeOf(v), q.gridId ? { building: { gridId: q.gridId } } : {}] });
  const picked = q.zeroEmployment ? rows.filter((h) => h.zeroEmployment) : rows;
  return { total: picked.length, items: picked.slice(0, q.limit) };
}

export async function myHouseholdEmployment(deps: Deps, v: Viewer) {
  if (!v.resident) throw forbidden('this account is not linked to a household yet');
  const [h] = await householdEmployment(deps, { id: v.resident.householdId });
  return h!;
}

function summarise(rows: HouseholdEmployment[]) {
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

/** The community's numbers, and each grid's. */
export async function employmentStats(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId || !isStaffOf(v, communityId)) throw forbidden('only community staff see the employment figures');
  const rows = await householdEmployment(deps, { communityId });
  const grids = await deps.db.grid.findMany({ where: { communityId }, orderBy: { name: 'asc' } });
  return {
    community: summarise(rows),
    grids: grids.map((g) => ({ id: g.id, name: g.name, ...summarise(rows.filter((h) => h.gridId === g.id)) })),
  };
}
