// Periods (per-household shop limits, monthly caps, 积分榜 years) follow the
// communities' own calendar: China Standard Time, UTC+8, which has no DST.
import type { LimitPeriod } from '@prisma/client';

const CST = 8 * 3600_000;

/** Start of the day, week (Monday) or month that `now` falls in, in China time. */
export function periodStart(now: Date, period: LimitPeriod | 'year'): Date {
  const local = new Date(now.getTime() + CST);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  let start: number;
  if (period === 'day') start = Date.UTC(y, m, d);
  else if (period === 'week') start = Date.UTC(y, m, d - ((local.getUTCDay() + 6) % 7));
  else if (period === 'month') start = Date.UTC(y, m, 1);
  else start = Date.UTC(y, 0, 1);
  return new Date(start - CST);
}

/** The month `offset` months before the one `now` falls in: [start, end) and its label 2026-11. */
export function monthBefore(now: Date, offset: number) {
  const local = new Date(now.getTime() + CST);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() - offset;
  const start = new Date(Date.UTC(y, m, 1) - CST);
  const end = new Date(Date.UTC(y, m + 1, 1) - CST);
  const label = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  return { start, end, label };
}

export const dayLabel = (now: Date) => new Date(now.getTime() + CST).toISOString().slice(0, 10);
