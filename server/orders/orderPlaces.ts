import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { orderScopeSql } from '../policies/index.js';
import { placesOfOrders } from './queries.js';

/** The console's grid and building filters: the places the viewer's orders are in (none outside the scope). */
export async function orderPlaces(deps: Deps, viewer: Viewer) {
  const rows = await placesOfOrders(deps.sql, orderScopeSql(viewer));
  const grids = new Map<string, { id: string; name: string }>();
  for (const r of rows) grids.set(r.gridId, { id: r.gridId, name: r.gridName });
  return {
    grids: [...grids.values()],
    buildings: rows.map((r) => ({ id: r.buildingId, name: r.buildingName, gridId: r.gridId })),
  };
}
