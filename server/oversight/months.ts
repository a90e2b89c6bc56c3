// Months as the communities count them: China time (UTC+8, no DST).
const CST = 8 * 3600_000;

/** [start, end) of a month `2026-11`, or of the month `now` falls in. */
export function monthRange(label: string | undefined, now: Date) {
  const local = new Date(now.getTime() + CST);
  const [y, m] = label ? [Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1] : [local.getUTCFullYear(), local.getUTCMonth()];
  return at(y, m);
}

/** The month `offset` months before [start, end). */
export function monthsBack(range: { y: number; m: number }, offset: number) {
  return at(range.y, range.m - offset);
}

function at(y: number, m: number) {
  const first = new Date(Date.UTC(y, m, 1));
  return {
    y: first.getUTCFullYear(),
    m: first.getUTCMonth(),
    label: first.toISOString().slice(0, 7),
    start: new Date(first.getTime() - CST),
    end: new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) - CST),
  };
}
