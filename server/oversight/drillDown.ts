// One community's figures for a month (the drill-down from the side-by-side):
// its grids, and its last six months. Aggregates only.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { employmentFiguresBy } from '../employment/index.js';
import { notFound } from '../errors.js';
import { orderFiguresBy } from '../orders/index.js';
import { mayOverseeCommunity } from '../policies/index.js';
import { pointsFiguresBy } from '../points/index.js';
import { placesOf } from './compare.js';
import { monthRange, monthsBack } from './months.js';
import { communitiesNamed, gridsOf } from './queries.js';

const TREND_MONTHS = 6;

export async function communityFigures(deps: Deps, v: Viewer, communityId: string, monthLabel: string | undefined) {
  // a community outside the viewer's reach is as good as unknown
  if (!mayOverseeCommunity(v, communityId)) throw notFound('community');
  const [c] = await communitiesNamed(deps.db, [communityId]);
  if (!c) throw notFound('community');
  const now = deps.clock();
  const month = monthRange(monthLabel, now);
  const grids = await gridsOf(deps.db, c.id);
  const gridKeys = grids.map((g) => g.id);
  const one = [c.id];
  const [orders, employment, points, gridOrders, gridEmployment] = await Promise.all([
    orderFiguresBy(deps.db, { communityIds: one, start: month.start, end: month.end, now, by: 'community', keys: one }),
    employmentFiguresBy(deps, { communityIds: one, by: 'community', keys: one }),
    pointsFiguresBy(deps.db, { communityIds: one, start: month.start, end: month.end, keys: one }),
    orderFiguresBy(deps.db, { communityIds: one, start: month.start, end: month.end, now, by: 'grid', keys: gridKeys }),
    employmentFiguresBy(deps, { communityIds: one, by: 'grid', keys: gridKeys }),
  ]);
  const trend = [];
  for (let i = TREND_MONTHS - 1; i >= 0; i--) {
    const m = monthsBack(month, i);
    const [o, p] = await Promise.all([
      orderFiguresBy(deps.db, { communityIds: one, start: m.start, end: m.end, now, by: 'community', keys: one }),
      pointsFiguresBy(deps.db, { communityIds: one, start: m.start, end: m.end, keys: one }),
    ]);
    const of = o.get(c.id)!;
    const pf = p.get(c.id)!;
    trend.push({ month: m.label, orders: of.orders, overdue: of.overdue, satisfiedShare: of.satisfiedShare, pointsIssued: pf.issued, pointsRedeemed: pf.redeemed });
  }
  return {
    month: month.label,
    community: { id: c.id, name: c.name, estate: c.estate, ...placesOf(c) },
    orders: orders.get(c.id)!,
    employment: employment.get(c.id)!,
    points: points.get(c.id)!,
    grids: grids.map((g) => ({ id: g.id, name: g.name, orders: gridOrders.get(g.id)!, employment: gridEmployment.get(g.id)! })),
    trend,
  };
}
