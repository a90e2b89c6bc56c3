import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { householdEmployment } from './households.js';
import { presentHouseholdTo } from './presenter.js';

/** A resident's own household in the ledger. */
export async function myHouseholdEmployment(deps: Deps, v: Viewer) {
  if (!v.resident) throw forbidden('this account is not linked to a household yet');
  const [h] = await householdEmployment(deps, { id: v.resident.householdId });
  return presentHouseholdTo(v, h!);
}
