// 就业 figures per community (or per grid of one community), for the oversight
// views of 街道 and 县 (server/oversight): 就业率, 户均就业人数, 零就业家庭 counts.
// Aggregates only: no household or person leaves this file.
import type { Deps } from '../context.js';
import { householdEmployment } from './households.js';
import { employmentFigures, type HouseholdEmployment } from './presenter.js';

export type EmploymentFigures = ReturnType<typeof employmentFigures>;

/** The ledger as it stands now, per community (`communityIds`, null: every one) or per grid (`by: 'grid'`); every key asked for is answered. */
export async function employmentFiguresBy(
  deps: Pick<Deps, 'db' | 'clock'>,
  opts: { communityIds: string[] | null; by: 'community' | 'grid'; keys: string[] },
): Promise<Map<string, EmploymentFigures>> {
  const rows = await householdEmployment(deps, opts.communityIds ? { communityId: { in: opts.communityIds } } : {});
  const groups = new Map<string, HouseholdEmployment[]>(opts.keys.map((k) => [k, []]));
  for (const h of rows) groups.get(opts.by === 'grid' ? h.place.gridId : h.place.communityId)?.push(h);
  return new Map([...groups].map(([k, hs]) => [k, employmentFigures(hs)]));
}
