// The community's grids and buildings, for choosing who a notice goes to and
// which households get points. The API has no list of them as such: the grids
// come with the order figures (every grid, with or without orders), a grid's
// buildings with its households.
import { api } from '../../api/index.js';
import type { Household } from '../../api/types.js';

export interface Place {
  id: string;
  name: string;
}

const byName = (a: Place, b: Place) => a.name.localeCompare(b.name, 'zh', { numeric: true });

export async function loadGrids(): Promise<Place[]> {
  const stats = await api.orders.stats(1);
  return stats.grids.map((g) => ({ id: g.id, name: g.name })).sort(byName);
}

/** Every household of a grid or a building, all pages of them. */
export async function loadHouseholds(where: { gridId?: string; buildingId?: string }): Promise<Household[]> {
  const all: Household[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const p = await api.org.households({ ...where, limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return all;
}

/** A grid's buildings, from its households. */
export async function loadBuildings(gridId: string): Promise<Place[]> {
  const seen = new Map<string, Place>();
  for (const h of await loadHouseholds({ gridId })) seen.set(h.building.id, { id: h.building.id, name: h.building.name });
  return [...seen.values()].sort(byName);
}
