// Orders figures per community (or per grid of one community) for a period: the
// oversight views of 街道 and 县 (server/oversight) compare communities with them.
// Aggregates only: no order, person or text leaves this file.
import type { DbTx } from '../db.js';

export interface OrderFigures {
  /** orders filed in the period (cancelled ones included) */
  orders: number;
  emergencies: number;
  cancelled: number;
  resolved: number;
  /** orders of the period that missed a deadline (claimed or resolved late, or still open past it); cancelled ones never */
  overdue: number;
  /** not cancelled and no deadline missed, over the orders not cancelled */
  onTimeShare: number | null;
  minutesToClaim: { mean: number | null; median: number | null };
  minutesToResolve: { mean: number | null; median: number | null };
  rated: number;
  averageRating: number | null;
  /** 满意率: satisfied over rated */
  satisfiedShare: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((s, x) => s + x, 0) / xs.length) : null);
const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return round1(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2);
};
const minutes = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

export type FigureRow = Row;
type Row = {
  communityId: string;
  gridId: string;
  status: string;
  urgency: string;
  createdAt: Date;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  responseDueAt: Date;
  resolveDueAt: Date;
  rating: number | null;
  satisfied: boolean | null;
};

/**
 * The figures of a set of orders. A duplicate merged into another (status merged) is not
 * a request of its own: its people follow the original, which carries the count, the
 * deadlines and the verdict; left in, it would count twice and, never claimed, as
 * overdue. The dashboard (orderStats.ts) and the monthly report (monthlyReport.ts) leave
 * it out the same way.
 */
export function orderFigures(all: Row[], now: Date): OrderFigures {
  const rows = all.filter((o) => o.status !== 'merged');
  const live = rows.filter((o) => o.status !== 'cancelled');
  const late = live.filter((o) => (o.claimedAt ?? now) > o.responseDueAt || (o.resolvedAt ?? now) > o.resolveDueAt);
  const claimed = rows.filter((o) => o.claimedAt);
  const resolved = rows.filter((o) => o.resolvedAt);
  const rated = rows.filter((o) => o.rating !== null);
  return {
    orders: rows.length,
    emergencies: rows.filter((o) => o.urgency === 'emergency').length,
    cancelled: rows.length - live.length,
    resolved: resolved.length,
    overdue: late.length,
    onTimeShare: live.length ? round3((live.length - late.length) / live.length) : null,
    minutesToClaim: { mean: mean(claimed.map((o) => minutes(o.createdAt, o.claimedAt!))), median: median(claimed.map((o) => minutes(o.createdAt, o.claimedAt!))) },
    minutesToResolve: { mean: mean(resolved.map((o) => minutes(o.createdAt, o.resolvedAt!))), median: median(resolved.map((o) => minutes(o.createdAt, o.resolvedAt!))) },
    rated: rated.length,
    averageRating: mean(rated.map((o) => o.rating!)),
    satisfiedShare: rated.length ? round3(rated.filter((o) => o.satisfied).length / rated.length) : null,
  };
}

/**
 * Figures of the orders filed in [start, end), per community (`communityIds`, null:
 * every community) or per grid of one community (`by: 'grid'`). Deadlines still
 * running are judged at `now`. Every key asked for is answered (zeros for none).
 */
export async function orderFiguresBy(
  db: DbTx,
  opts: { communityIds: string[] | null; start: Date; end: Date; now: Date; by: 'community' | 'grid'; keys: string[] },
): Promise<Map<string, OrderFigures>> {
  const rows: Row[] = await db.order.findMany({
    where: { ...(opts.communityIds ? { communityId: { in: opts.communityIds } } : {}), createdAt: { gte: opts.start, lt: opts.end } },
    select: { communityId: true, gridId: true, status: true, urgency: true, createdAt: true, claimedAt: true, resolvedAt: true, responseDueAt: true, resolveDueAt: true, rating: true, satisfied: true },
  });
  const key = (r: Row) => (opts.by === 'grid' ? r.gridId : r.communityId);
  const groups = new Map<string, Row[]>(opts.keys.map((k) => [k, []]));
  for (const r of rows) groups.get(key(r))?.push(r);
  return new Map([...groups].map(([k, rs]) => [k, orderFigures(rs, opts.now)]));
}
