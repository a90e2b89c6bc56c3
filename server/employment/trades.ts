// Trades for matching people to vacancies and courses (以岗定培). The list
// follows the case reports: 电焊工、电工、汽车维修、电子产品加工、厨师、家政、
// 服装加工、蜡染刺绣、挖掘机 and the public-welfare posts 保洁、保安.
// They live with the ledger, which records the trades each person wants;
// postings and courses (server/jobs, server/trainings) name them through
// this folder's index.ts.
export const TRADES = {
  welding: '电焊工',
  electrician: '电工',
  auto_repair: '汽车维修',
  electronics: '电子产品加工',
  cooking: '厨师',
  housekeeping: '家政',
  caregiving: '养老护理',
  garment: '服装加工',
  embroidery: '蜡染刺绣',
  excavator: '挖掘机操作',
  construction: '建筑施工',
  cleaning: '保洁',
  security: '保安',
  beauty: '美容美发',
  pedicure: '修脚',
  logistics: '物流配送',
  farming: '种植养殖',
} as const;

export type Trade = keyof typeof TRADES;
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
