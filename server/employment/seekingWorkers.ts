import type { Deps } from '../context.js';
import { seekingRecords } from './queries.js';
import { parseTrades } from './trades.js';

/**
 * The community's residents seeking work, with a phone to call them back and
 * the trades they want, first recorded first: for staff matching them to a
 * posting (server/jobs).
 */
export async function seekingWorkers(deps: Pick<Deps, 'db'>, communityId: string) {
  const rows = await seekingRecords(deps.db, communityId);
  return rows.map((r) => ({
    resident: {
      id: r.resident.id,
      name: r.resident.name,
      phone: r.resident.phone,
      birthYear: r.resident.birthYear,
      home: `${r.resident.household.building.name} ${r.resident.household.unit.name} ${r.resident.household.room}`,
    },
    trades: parseTrades(r.trades),
  }));
}
