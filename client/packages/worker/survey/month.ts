/** This month in China time, as the server names months: 2026-12. */
export const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
export const monthWords = (m: string) => `${Number(m.slice(5, 7))}月`;
