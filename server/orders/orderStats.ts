// The staff dashboard's order figures: requests by state, and per grid how
// fast requests are claimed and resolved, how many are overdue, and how
// satisfied residents were — the numbers a 四单 review meeting asks for.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { canSeeOrderFigures, homeCommunity } from '../policies/index.js';
import { ORDER_STATUSES, type OrderStatusName } from './schemas.js';
import { overdueFlags } from './sla.js';

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10) / 10;
};

export async function orderStats(deps: Deps, v: Viewer, days: number) {
  const communityId = homeCommunity(v);
  if (!communityId || !canSeeOrderFigures(v, communityId)) throw forbidden('only community staff and reviewers see the order figures');
  const now = deps.clock();
  const since = new Date(now.getTime() - days * 86_400_000);
  const [orders, grids] = await Promise.all([
    deps.db.order.findMany({
      where: { communityId, createdAt: { gte: since } },
      select: { gridId: true, status: true, urgency: true, createdAt: true, claimedAt: true, resolvedAt: true, responseDueAt: true, resolveDueAt: true, satisfied: true, rating: true },
    }),
    deps.db.grid.findMany({ where: { communityId }, orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  // a merged duplicate is not a request of its own (communityFigures.ts orderFigures): out of the figures, still in byStatus
  const summarise = (all: typeof orders) => {
    const rows = all.filter((o) => o.status !== 'merged');
    const claimed = rows.filter((o) => o.claimedAt);
    const resolved = rows.filter((o) => o.resolvedAt);
    const rated = rows.filter((o) => o.rating !== null);
    return {
      orders: rows.length,
      emergencies: rows.filter((o) => o.urgency === 'emergency').length,
      overdueNow: rows.filter((o) => {
        const f = overdueFlags(o, now);
        return f.response || f.resolution;
      }).length,
      minutesToClaim: { mean: mean(claimed.map((o) => minutesBetween(o.createdAt, o.claimedAt!))), median: median(claimed.map((o) => minutesBetween(o.createdAt, o.claimedAt!))) },
      minutesToResolve: { mean: mean(resolved.map((o) => minutesBetween(o.createdAt, o.resolvedAt!))), median: median(resolved.map((o) => minutesBetween(o.createdAt, o.resolvedAt!))) },
      claimedInTime: claimed.length ? Math.round((claimed.filter((o) => o.claimedAt! <= o.responseDueAt).length / claimed.length) * 1000) / 1000 : null,
      rated: rated.length,
      averageRating: mean(rated.map((o) => o.rating!)),
      satisfiedShare: rated.length ? Math.round((rated.filter((o) => o.satisfied).length / rated.length) * 1000) / 1000 : null,
    };
  };
  // the community's own calendar days (NOTICE_TIMEZONE, Asia/Shanghai), not the server's
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.notices.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const byDay = new Map<string, { date: string; filed: Record<OrderStatusName, number>; resolved: number }>();
  for (let t = since.getTime(); t <= now.getTime(); t += 86_400_000) {
    const date = dayOf.format(new Date(t));
    byDay.set(date, { date, filed: Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatusName, number>, resolved: 0 });
  }
  byDay.set(dayOf.format(now), byDay.get(dayOf.format(now)) ?? { date: dayOf.format(now), filed: Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatusName, number>, resolved: 0 });
  for (const o of orders) {
    const d = byDay.get(dayOf.format(o.createdAt));
    if (d) d.filed[o.status]++;
    const r = o.resolvedAt && byDay.get(dayOf.format(o.resolvedAt));
    if (r) r.resolved++;
  }
  return {
    days,
    since,
    byStatus: Object.fromEntries(ORDER_STATUSES.map((s) => [s, orders.filter((o) => o.status === s).length])) as Record<OrderStatusName, number>,
    byDay: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date)),
    community: summarise(orders),
    grids: grids.map((g) => ({ ...g, ...summarise(orders.filter((o) => o.gridId === g.id)) })),
  };
}
