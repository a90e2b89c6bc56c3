// Earned and spent per month in the community, newest month first (staff).
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { forbidden } from '../errors.js';
import { canManagePoints, homeCommunity } from '../policies/index.js';
import { monthBefore } from './calendar.js';
import { sumsByKind } from './queries.js';

export async function monthlyTotals(deps: Deps, v: Viewer, months: number) {
  const communityId = homeCommunity(v);
  if (!communityId || !canManagePoints(v, communityId)) throw forbidden('only community staff see the monthly totals');
  const now = deps.clock();
  const out = [];
  for (let i = 0; i < months; i++) {
    const m = monthBefore(now, i);
    const of = await sumsByKind(deps, communityId, m.start, m.end);
    out.push({
      month: m.label,
      earned: of('earn'),
      redeemed: -of('redeem'),
      refunded: of('refund'),
      expired: -of('expire'),
      adjusted: of('adjust'),
    });
  }
  return out;
}
