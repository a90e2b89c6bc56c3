// A person's situation as the grid's worker or staff record it, and their history.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { canRecordEmployment, employmentScope } from '../policies/index.js';
import { presentHistoryTo, presentRecord } from './presenter.js';
import { findResident, historyOf } from './queries.js';
import { recordSituation } from './recordSituation.js';
import type { RecordStatusBody } from './schemas.js';

async function residentInScope(deps: Deps, v: Viewer, residentId: string) {
  const r = await findResident(deps.db, residentId, employmentScope(v));
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
  const records = await historyOf(deps.db, r.id);
  const place = { communityId: r.communityId, gridId: r.household.building.gridId, buildingId: r.household.buildingId, householdId: r.householdId };
  return presentHistoryTo(v, place, r, records);
}

/** Every employment record of a household's members, each person's newest first (a resident's copy of their data; the caller passes their own household). */
export async function employmentRecordsOfHousehold(deps: Deps, householdId: string) {
  const records = await deps.db.employmentRecord.findMany({ where: { householdId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  return records.map((r) => ({ residentId: r.residentId, ...presentRecord(r) }));
}
