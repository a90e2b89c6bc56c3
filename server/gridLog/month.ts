// A month in China time ("2026-12"), as the monthly report and the survey name it.
const CHINA = 8 * 3600_000;

/** The month a moment falls in, China time. */
export const monthOf = (d: Date) => new Date(d.getTime() + CHINA).toISOString().slice(0, 7);

/** The month's first moment and the next month's, China time. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - CHINA), to: new Date(Date.UTC(y, m, 1) - CHINA) };
}
