// How often a household is visited, and when it next falls due. Days are China
// days (Asia/Shanghai, no daylight saving): a visit at 23:30 Beijing time is that
// day's visit, whatever the UTC date says.
import type { HouseholdTagKind } from '@prisma/client';

/**
 * The frequencies a community starts with (走访频次), in days. The case reports
 * (002: 七彩标记, 1+X 结对帮扶) say who is watched but give no frequency; these are
 * the ones common in 网格员 走访 duty lists: the elderly living alone weekly, children
 * left behind and the disabled every two weeks, 防返贫监测户 and 低保户 monthly. The
 * other tags (党员户, 退役军人, 文明户) need no visits of their own. Staff change
 * any of them per community (PUT /api/visits/rules/:tag).
 */
export const DEFAULT_INTERVALS: Record<HouseholdTagKind, number | null> = {
  EMPTY_NEST_ELDERLY: 7,
  LEFT_BEHIND_CHILD: 14,
  DISABLED: 14,
  MONITORED: 30,
  LOW_INCOME: 30,
  PARTY_MEMBER: null,
  VETERAN: null,
  MODEL_HOUSEHOLD: null,
};

export const TAG_KINDS = Object.keys(DEFAULT_INTERVALS) as HouseholdTagKind[];

/** The tags' names as the stairwell board writes them. */
export const TAG_LABELS: Record<HouseholdTagKind, string> = {
  PARTY_MEMBER: '党员户',
  LEFT_BEHIND_CHILD: '留守儿童',
  EMPTY_NEST_ELDERLY: '空巢老人',
  DISABLED: '残疾人',
  LOW_INCOME: '低保户',
  MONITORED: '防返贫监测户',
  VETERAN: '退役军人',
  MODEL_HOUSEHOLD: '五星级文明户',
};

/** A community's frequency per tag: its own rule where it set one, else the default. */
export type Intervals = Record<HouseholdTagKind, number | null>;

export function intervalsOf(rules: Array<{ tag: HouseholdTagKind; intervalDays: number | null }>): Intervals {
  const out = { ...DEFAULT_INTERVALS };
  for (const r of rules) out[r.tag] = r.intervalDays;
  return out;
}

/**
 * A household's interval: its own override if staff set one (null there: 不需要走访),
 * else the shortest of its tags' (a household that is both 空巢 and 低保 is visited weekly).
 */
export function intervalOf(intervals: Intervals, tags: readonly HouseholdTagKind[], override: { intervalDays: number | null } | null): number | null {
  if (override) return override.intervalDays;
  let best: number | null = null;
  for (const t of tags) {
    const d = intervals[t];
    if (d !== null && (best === null || d < best)) best = d;
  }
  return best;
}

const DAY = 86_400_000;
const CHINA = 8 * 3_600_000;

/** The China day of a moment, as YYYY-MM-DD. */
export const chinaDay = (d: Date) => new Date(d.getTime() + CHINA).toISOString().slice(0, 10);
/** A day plus n days. */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
/** Whole days from a to b (b later: positive). */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
/** The moment a China day begins. */
export const dayStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA);

export type Bucket = 'overdue' | 'today' | 'week' | 'later';

/**
 * The day a household is next due: its interval after the last visit where
 * someone was met; never visited, the day it began to be watched (its tag was
 * put up, or its own frequency set), so a household nobody ever visited is
 * overdue from the day after.
 */
export const dueDay = (interval: number, lastVisitedAt: Date | null, watchedSince: Date) =>
  lastVisitedAt ? addDays(chinaDay(lastVisitedAt), interval) : chinaDay(watchedSince);

/** Overdue (before today), today, this week (the next six days), or later. */
export function bucketOf(due: string, today: string): Bucket {
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return due <= addDays(today, 6) ? 'week' : 'later';
}

/** The floor of a room number as the estates number them: 302 → 3, 1201 → 12. */
export function floorOf(room: string): number {
  const digits = room.match(/\d+/)?.[0];
  return digits && digits.length >= 3 ? Number(digits.slice(0, -2)) : 0;
}

const byName = new Intl.Collator('zh-Hans-CN', { numeric: true });
/** Building, unit, floor, room: the order a worker walks them (惠泽2栋 before 惠泽10栋). */
export function walkOrder(a: { building: string; unit: string; room: string }, b: { building: string; unit: string; room: string }): number {
  return byName.compare(a.building, b.building) || byName.compare(a.unit, b.unit) || floorOf(a.room) - floorOf(b.room) || byName.compare(a.room, b.room);
}
