// Redemptions newest first: a household's own, or at the counter all of the community's (a pickup code looked up).
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { toPage } from '../http/paging.js';
import { redemptionScopeSql } from '../policies/index.js';
import { sql, type SqlQuery } from '../sql.js';
import { presentRedemption, presentRedemptionTo } from './presenter.js';
import { findRedemptions } from './queries.js';
import type { ListRedemptionsQuery } from './schemas.js';

export async function listRedemptions(deps: Deps, v: Viewer, q: ListRedemptionsQuery) {
  const conditions: SqlQuery[] = [redemptionScopeSql(v)];
  if (q.status) conditions.push(sql`r.status = ${q.status}`);
  if (q.pickupCode) conditions.push(sql`r."pickupCode" = ${q.pickupCode}`);
  // one row more than asked, to know whether there is a next page
  const rows = await findRedemptions(deps.sql, conditions, q.limit + 1, q.cursor);
  const page = toPage(rows, q.limit);
  return { items: page.items.map((r) => presentRedemptionTo(v, r)), nextCursor: page.nextCursor };
}

/**
 * Every redemption of a household, newest first (a resident's copy of their data;
 * the caller passes their own household, so it is seen as the household sees it).
 */
export async function redemptionsOfHousehold(deps: Deps, householdId: string) {
  const rows = await findRedemptions(deps.sql, [sql`r."householdId" = ${householdId}`], 100_000);
  return rows.map((r) => presentRedemption(r, ['household']));
}
