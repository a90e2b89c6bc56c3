// Households with every member's situation: the one way the ledger's lists,
// figures and export read them.
import type { Prisma } from '@prisma/client';
import type { Deps } from '../context.js';
import { ledgerYear } from './ledger.js';
import { householdSituation, type HouseholdEmployment } from './presenter.js';
import { householdsWithSituations } from './queries.js';

/** Households matching `where` with every member's current situation (`take`: the first that many, in list order). */
export async function householdEmployment(
  deps: Pick<Deps, 'db' | 'clock'>,
  where: Prisma.HouseholdWhereInput,
  opts: { take?: number; skip?: number; year?: number } = {},
): Promise<HouseholdEmployment[]> {
  const year = opts.year ?? ledgerYear(deps);
  const rows = await householdsWithSituations(deps.db, where, opts.take, opts.skip);
  return rows.map((h) => householdSituation(h, year));
}
