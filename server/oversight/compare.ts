// The communities under a 街道 or 县 side by side for a month, and the 通报
// ranking. Aggregates only, each from its owner's index.ts: no person, household
// or order text is read here.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { employmentFiguresBy, type EmploymentFigures } from '../employment/index.js';
import { forbidden, notFound } from '../errors.js';
import { orderFiguresBy, type OrderFigures } from '../orders/index.js';
import { mayOversee, overseenCommunities, visibleRegions } from '../policies/index.js';
import { pointsFiguresBy } from '../points/index.js';
import { monthRange } from './months.js';
import { communitiesNamed, communitiesUnder, type NamedCommunity } from './queries.js';
import type { CompareQuery, SortKey } from './schemas.js';

/** 综合得分: the mean of 按时率, 满意率 and 就业率 (those that exist) × 100, one decimal. */
export function scoreOf(o: OrderFigures, e: EmploymentFigures): number | null {
  const parts = [o.onTimeShare, o.satisfiedShare, e.employmentRate].filter((x): x is number => x !== null);
  return parts.length ? Math.round((parts.reduce((s, x) => s + x, 0) / parts.length) * 1000) / 10 : null;
}

export const placesOf = (c: NamedCommunity) => ({
  street: c.region ? { id: c.region.id, name: c.region.name } : null,
  county: c.region?.parent ? { id: c.region.parent.id, name: c.region.parent.name } : null,
});

/** The communities the viewer compares, narrowed to one region of theirs when asked. */
async function scopeOf(deps: Deps, v: Viewer, regionId: string | undefined): Promise<string[] | null> {
  if (!mayOversee(v)) throw forbidden('only 街道, 县 and platform officials see the oversight figures');
  const mine = overseenCommunities(v);
  if (!regionId) return mine;
  const seen = visibleRegions(v);
  if (seen !== null && !seen.includes(regionId)) throw notFound('regionId: region');
  const under = await communitiesUnder(deps.db, regionId);
  return mine === null ? under : under.filter((c) => mine.includes(c));
}

const DESCENDING_BETTER: Record<SortKey, boolean> = {
  score: true, name: false, orders: true, overdue: false, onTimeShare: true, minutesToClaim: false, minutesToResolve: false,
  satisfiedShare: true, employmentRate: true, zeroEmploymentHouseholds: false, pointsIssued: true, pointsRedeemed: true,
};

interface Row {
  id: string;
  name: string;
  orders: OrderFigures;
  employment: EmploymentFigures;
  points: { issued: number; redeemed: number };
  score: number | null;
  rank: number;
}

const sortValue = (r: Row, k: SortKey): number | string | null => {
  switch (k) {
    case 'score': return r.score;
    case 'name': return r.name;
    case 'orders': return r.orders.orders;
    case 'overdue': return r.orders.overdue;
    case 'onTimeShare': return r.orders.onTimeShare;
    case 'minutesToClaim': return r.orders.minutesToClaim.mean;
    case 'minutesToResolve': return r.orders.minutesToResolve.mean;
    case 'satisfiedShare': return r.orders.satisfiedShare;
    case 'employmentRate': return r.employment.employmentRate;
    case 'zeroEmploymentHouseholds': return r.employment.zeroEmploymentHouseholds;
    case 'pointsIssued': return r.points.issued;
    case 'pointsRedeemed': return r.points.redeemed;
  }
};

/** Orders rows by a column; missing values last whichever the direction, then by name. */
function sortRows<R extends Row>(rows: R[], key: SortKey, order: 'asc' | 'desc'): R[] {
  const dir = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    if (x !== null && y !== null && x !== y) return (x < y ? -1 : 1) * dir;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1;
  });
}

export async function compareCommunities(deps: Deps, v: Viewer, q: CompareQuery) {
  const now = deps.clock();
  const month = monthRange(q.month, now);
  const ids = await scopeOf(deps, v, q.regionId);
  const communities = await communitiesNamed(deps.db, ids);
  const keys = communities.map((c) => c.id);
  const [orders, employment, points] = await Promise.all([
    orderFiguresBy(deps.db, { communityIds: keys, start: month.start, end: month.end, now, by: 'community', keys }),
    employmentFiguresBy(deps, { communityIds: keys, by: 'community', keys }),
    pointsFiguresBy(deps.db, { communityIds: keys, start: month.start, end: month.end, keys }),
  ]);
  const rows = communities.map((c) => {
    const o = orders.get(c.id)!;
    const e = employment.get(c.id)!;
    return { id: c.id, name: c.name, ...placesOf(c), orders: o, employment: e, points: points.get(c.id)!, score: scoreOf(o, e), rank: 0 };
  });
  sortRows(rows, 'score', 'desc').forEach((r, i) => (r.rank = i + 1));
  const labour = rows.reduce((s, r) => s + r.employment.labour, 0);
  const employed = rows.reduce((s, r) => s + r.employment.employed, 0);
  return {
    month: month.label,
    items: sortRows(rows, q.sort, q.order ?? (DESCENDING_BETTER[q.sort] ? 'desc' : 'asc')),
    totals: {
      communities: rows.length,
      orders: rows.reduce((s, r) => s + r.orders.orders, 0),
      overdue: rows.reduce((s, r) => s + r.orders.overdue, 0),
      labour,
      employed,
      employmentRate: labour ? Math.round((employed / labour) * 1000) / 1000 : null,
      zeroEmploymentHouseholds: rows.reduce((s, r) => s + r.employment.zeroEmploymentHouseholds, 0),
      pointsIssued: rows.reduce((s, r) => s + r.points.issued, 0),
      pointsRedeemed: rows.reduce((s, r) => s + r.points.redeemed, 0),
    },
  };
}
