// Trades for matching people to vacancies and courses (以岗定培): the codes and
// names are shared with the mini-program (shared/words.ts). They live with the
// ledger, which records the trades each person wants; postings and courses
// (server/jobs, server/trainings) name them through this folder's index.ts.
import { TRADES, type Trade } from '../../shared/words.js';

export { TRADES, type Trade };
export const TRADE_CODES = Object.keys(TRADES) as [Trade, ...Trade[]];

/** Trades are stored as a JSON array of codes (portable across SQLite and PostgreSQL). */
export const parseTrades = (json: string): Trade[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v.filter((t) => typeof t === 'string' && t in TRADES) as Trade[]) : [];
  } catch {
    return [];
  }
};

export const tradesOverlap = (a: readonly string[], b: readonly string[]) => a.some((t) => b.includes(t));

/** 电焊工 or 电焊 → welding: for the Excel import, where staff type names. Exact names win over prefixes. */
export function tradeFromName(name: string): Trade | undefined {
  const n = name.trim();
  if (!n) return undefined;
  if (n in TRADES) return n as Trade;
  const entries = Object.entries(TRADES) as Array<[Trade, string]>;
  return entries.find(([, label]) => label === n)?.[0] ?? entries.find(([, label]) => label.startsWith(n))?.[0];
}
