// 今日走访: the households a viewer visits that are overdue, due today or due
// this week, in the order a worker walks them (building, unit, floor): those of
// the grids they work and those paired with them (1+X); staff, their community's.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { mayListGridVisits, visitReach } from '../policies/index.js';
import { gridById, pairedHouseholdIds, type HouseholdSelection } from './queries.js';
import { presentDue } from './presenter.js';
import { chinaDay, walkOrder } from './rules.js';
import { schedule } from './schedule.js';

export async function dueList(deps: Deps, v: Viewer, q: { gridId?: string | undefined }) {
  const today = chinaDay(deps.clock());
  let selection: HouseholdSelection;
  if (q.gridId) {
    const grid = await gridById(deps.sql, q.gridId);
    // another grid's list is as unknown as a made-up grid
    if (!grid || !mayListGridVisits(v, grid)) throw notFound('grid');
    selection = { gridIds: [grid.id], pairedWith: v.userId };
  } else {
    selection = visitReach(v);
  }
  const [paired, all] = await Promise.all([pairedHouseholdIds(deps.sql, v.userId), schedule(deps.sql, selection, today)]);
  const items = all
    .filter((h) => h.bucket !== 'later' && (!q.gridId || h.gridId === q.gridId || paired.has(h.id)))
    .sort(walkOrder)
    .map((h) => presentDue(v, h, today, paired.has(h.id)));
  return {
    today,
    counts: {
      overdue: items.filter((i) => i.bucket === 'overdue').length,
      today: items.filter((i) => i.bucket === 'today').length,
      week: items.filter((i) => i.bucket === 'week').length,
    },
    items,
  };
}
