// Every watched household of a selection with its frequency and next due day:
// the one computation the due list, the overdue list, a household's page and the
// coverage figures share.
import type { HouseholdTagKind } from '@prisma/client';
import type { SqlClient } from '../sql.js';
import { householdsToVisit, rulesOf, tagsOf, type HouseholdRow, type HouseholdSelection } from './queries.js';
import { bucketOf, dueDay, intervalOf, intervalsOf, type Bucket, type Intervals } from './rules.js';

export interface Scheduled extends HouseholdRow {
  tags: HouseholdTagKind[];
  /** days between visits; null: not visited on a schedule */
  intervalDays: number | null;
  /** from the household's own override rather than its tags */
  overridden: boolean;
  watchedSince: Date;
  dueOn: string | null;
  bucket: Bucket | null;
}

export async function communityIntervals(db: SqlClient, communityIds: string[]): Promise<Map<string, Intervals>> {
  const rules = await rulesOf(db, communityIds);
  return new Map(communityIds.map((c) => [c, intervalsOf(rules.filter((r) => r.communityId === c))]));
}

/**
 * The households of a selection with their schedules as of `today` (a China
 * day). `before`: judge by the visits before that moment only (a past period).
 * Only households visited on a schedule unless `all`.
 */
export async function schedule(db: SqlClient, s: HouseholdSelection, today: string, opts: { before?: Date; all?: boolean } = {}): Promise<Scheduled[]> {
  const [rows, tags] = await Promise.all([
    householdsToVisit(db, s, { onlyWatched: !opts.all, ...(opts.before ? { before: opts.before } : {}) }),
    tagsOf(db, s),
  ]);
  const intervals = await communityIntervals(db, [...new Set(rows.map((r) => r.communityId))]);
  const out: Scheduled[] = [];
  for (const r of rows) {
    const own = tags.get(r.id) ?? [];
    const override = r.hasOverride ? { intervalDays: r.overrideDays } : null;
    const ruleOf = intervals.get(r.communityId)!;
    const intervalDays = intervalOf(ruleOf, own.map((t) => t.kind), override);
    // watched since its frequency was set, or its earliest tag that has one
    const tagSince = own.filter((t) => ruleOf[t.kind] !== null).map((t) => t.createdAt.getTime());
    const watchedSince = new Date(override && r.overrideAt ? r.overrideAt.getTime() : tagSince.length ? Math.min(...tagSince) : 0);
    const dueOn = intervalDays === null ? null : dueDay(intervalDays, r.lastVisitedAt, watchedSince);
    if (dueOn === null && !opts.all) continue;
    out.push({
      ...r,
      tags: own.map((t) => t.kind),
      intervalDays,
      overridden: !!override,
      watchedSince,
      dueOn,
      bucket: dueOn === null ? null : bucketOf(dueOn, today),
    });
  }
  return out;
}
