// The community's overdue visits for staff: every grid, most overdue first.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { visitsStaffCommunity } from '../policies/index.js';
import { pairedHouseholdIds } from './queries.js';
import { presentDue } from './presenter.js';
import { chinaDay, walkOrder } from './rules.js';
import { schedule } from './schedule.js';

export async function overdueList(deps: Deps, v: Viewer, q: { communityId?: string | undefined }) {
  const communityId = visitsStaffCommunity(v, q.communityId);
  const today = chinaDay(deps.clock());
  const [paired, all] = await Promise.all([pairedHouseholdIds(deps.sql, v.userId), schedule(deps.sql, { communityId }, today)]);
  const items = all
    .filter((h) => h.bucket === 'overdue')
    .sort((a, b) => a.dueOn!.localeCompare(b.dueOn!) || walkOrder(a, b))
    .map((h) => presentDue(v, h, today, paired.has(h.id)));
  return { today, items };
}
