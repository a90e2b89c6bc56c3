// A household's balance and its ledger, newest first: the household's own, or
// one its community's staff look up.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { canSeeLedger, householdOf } from '../policies/index.js';
import { householdBalance, ledgerPage } from './queries.js';
import type { LedgerQuery } from './schemas.js';

async function ledgerOf(deps: Deps, householdId: string, q: LedgerQuery) {
  const page = await ledgerPage(deps, householdId, q);
  return { householdId, balance: await householdBalance(deps, householdId), entries: page.items, nextCursor: page.nextCursor };
}

export async function myPoints(deps: Deps, v: Viewer, q: LedgerQuery) {
  const household = householdOf(v);
  if (!household) throw forbidden('this account is not linked to a household yet');
  return ledgerOf(deps, household.householdId, q);
}

export async function householdLedger(deps: Deps, v: Viewer, householdId: string, q: LedgerQuery) {
  const h = await deps.db.household.findUnique({ where: { id: householdId }, select: { communityId: true, buildingId: true, building: { select: { gridId: true } } } });
  if (!h || !canSeeLedger(v, { communityId: h.communityId, gridId: h.building.gridId, buildingId: h.buildingId, householdId })) throw notFound('household');
  return ledgerOf(deps, householdId, q);
}
