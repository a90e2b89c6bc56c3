// How fast group posts may go out: quiet hours, the local day of the daily cap,
// the random gap between groups and the back-off after a failed send.
import type { Config } from '../config.js';

type NoticeConfig = Config['notices'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time in the zone, as if it were UTC (so date arithmetic on it is plain). */
function wallClock(at: Date, timeZone: string): Date {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!));
}

/** 2026-11-22: the local day a daily count belongs to. */
export function localDay(at: Date, timeZone: string): string {
  return wallClock(at, timeZone).toISOString().slice(0, 10);
}

/** The next instant the local clock shows `hour`:00 (today's if still ahead). */
export function nextLocalHour(at: Date, hour: number, timeZone: string): Date {
  const wall = wallClock(at, timeZone);
  const offset = wall.getTime() - Math.floor(at.getTime() / 1000) * 1000;
  const target = new Date(wall);
  target.setUTCHours(hour, 0, 0, 0);
  if (target <= wall) target.setUTCDate(target.getUTCDate() + 1);
  return new Date(target.getTime() - offset);
}

/** When quiet hours are on at `at`, the moment they end; otherwise null. */
export function quietUntil(at: Date, c: Pick<NoticeConfig, 'quietHours' | 'timeZone'>): Date | null {
  if (!c.quietHours) return null;
  const { from, to } = c.quietHours;
  const h = wallClock(at, c.timeZone).getUTCHours();
  const quiet = from <= to ? h >= from && h < to : h >= from || h < to;
  return quiet ? nextLocalHour(at, to, c.timeZone) : null;
}

/** The random gap before a sender's next post: uniform between the configured bounds, never below the channel's minimum. */
export function gapMs(c: Pick<NoticeConfig, 'gapMinMs' | 'gapMaxMs'>, random: () => number, channelMinMs = 0): number {
  return Math.max(channelMinMs, Math.round(c.gapMinMs + random() * (c.gapMaxMs - c.gapMinMs)));
}

const MAX_BACKOFF_MS = 3600_000;

/** 1, 2, 4, 8 … times the base after the 1st, 2nd, 3rd … failed attempt, at most an hour. */
export function backoffMs(attempts: number, baseMs: number): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
