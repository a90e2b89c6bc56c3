// 核销: staff type or scan the code the resident shows, and hand the goods over.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { redemptionPolicy, shopCounterCommunities } from '../policies/index.js';
import { join, sql } from '../sql.js';
import { presentRedemptionTo } from './presenter.js';
import { findRedemption, markHandedOver } from './queries.js';

export async function handOverRedemption(deps: Deps, v: Viewer, pickupCode: string) {
  const now = deps.clock();
  const communities = shopCounterCommunities(v);
  if (!communities.length) throw forbidden('only community staff hand over redeemed goods');
  const r = await findRedemption(deps.sql, sql`r."pickupCode" = ${pickupCode} AND r."communityId" IN (${join(communities)})`);
  if (!r || !redemptionPolicy.handOver(v, r)) throw notFound('pickup code');
  if (!(await markHandedOver(deps.sql, r.id, v.userId, now))) {
    throw new AppError('invalid_transition', r.status === 'handed_over' ? 'already handed over' : `this redemption is ${r.status}`);
  }
  return presentRedemptionTo(v, (await findRedemption(deps.sql, sql`r.id = ${r.id}`))!);
}
