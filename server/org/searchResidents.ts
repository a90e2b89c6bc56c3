import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { relationsTo, residentScope } from '../policies/index.js';
import { presentResidentChoice } from './presenter.js';
import type { ListResidentsQuery } from './schemas.js';

/** Residents the viewer may file a request for (building head: their building, and so on). */
export async function searchResidents(deps: Deps, v: Viewer, q: ListResidentsQuery) {
  // residents who left are no one to file for
  const filters: Prisma.ResidentWhereInput[] = [residentScope(v), { leftAt: null }];
  if (q.buildingId) filters.push({ household: { buildingId: q.buildingId } });
  if (q.q) filters.push({ OR: [{ name: { contains: q.q } }, { household: { room: { contains: q.q } } }] });
  const rows = await deps.db.resident.findMany({
    where: { AND: filters },
    include: { household: { include: { unit: true, building: true } } },
    orderBy: [
      { household: { building: { name: 'asc' } } },
      { household: { unit: { name: 'asc' } } },
      { household: { room: 'asc' } },
      { id: 'asc' },
    ],
    take: q.limit,
  });
  return rows.map((r) =>
    presentResidentChoice(
      r,
      relationsTo(v, { communityId: r.communityId, gridId: r.household.building.gridId, buildingId: r.household.buildingId, householdId: r.householdId }),
    ),
  );
}
