// The ledger's household list for grid workers and staff, or only its 零就业家庭.
import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { canListEmployment, employmentReach, employmentScope } from '../policies/index.js';
import { householdEmployment } from './households.js';
import { ledgerYear } from './ledger.js';
import { presentHouseholdTo } from './presenter.js';
import { countHouseholds, zeroEmploymentPage } from './queries.js';
import type { HouseholdsQuery } from './schemas.js';

export async function listHouseholdEmployment(deps: Deps, v: Viewer, q: HouseholdsQuery) {
  if (!canListEmployment(v)) {
    throw forbidden('only grid workers and community staff see the employment ledger');
  }
  const year = ledgerYear(deps);
  if (q.zeroEmployment) {
    const page = await zeroEmploymentPage(deps, employmentReach(v), q, year);
    if (!page.ids.length) return { total: page.total, items: [] };
    const items = await householdEmployment(deps, { id: { in: page.ids } }, { year });
    const at = new Map(page.ids.map((id, i) => [id, i]));
    items.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
    // (a record written between the two statements could change a flag; an item on this list is always zero-employment)
    return { total: page.total, items: items.filter((h) => h.zeroEmployment).map((h) => presentHouseholdTo(v, h)) };
  }
  // a household is in scope when one of its residents is
  const where: Prisma.HouseholdWhereInput = {
    AND: [
      { residents: { some: employmentScope(v) } },
      q.gridId ? { building: { gridId: q.gridId } } : {},
      q.buildingId ? { buildingId: q.buildingId } : {},
      q.room ? { room: { contains: q.room } } : {},
      q.status ? { residents: { some: { leftAt: null, employment: { some: { current: true, status: q.status } } } } } : {},
    ],
  };
  const items = await householdEmployment(deps, where, { take: q.limit, skip: q.offset, year });
  // a short first page is the whole list: no count needed
  const total = q.offset === 0 && items.length < q.limit ? items.length : await countHouseholds(deps.db, where);
  return { total, items: items.map((h) => presentHouseholdTo(v, h)) };
}
