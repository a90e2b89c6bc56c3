// Points issued and redeemed per community in a period, for the oversight views
// of 街道 and 县 (server/oversight). Sums only.
import type { DbTx } from '../db.js';

export interface PointsFigures {
  /** earned in the period (awards and positive adjustments are not mixed: earn entries only) */
  issued: number;
  /** spent in the 积分超市, refunds taken off */
  redeemed: number;
}

export async function pointsFiguresBy(db: DbTx, opts: { communityIds: string[] | null; start: Date; end: Date; keys: string[] }): Promise<Map<string, PointsFigures>> {
  const sums = await db.pointsEntry.groupBy({
    by: ['communityId', 'kind'],
    where: { ...(opts.communityIds ? { communityId: { in: opts.communityIds } } : {}), createdAt: { gte: opts.start, lt: opts.end }, kind: { in: ['earn', 'redeem', 'refund'] } },
    _sum: { amount: true },
  });
  const of = (c: string, kind: string) => sums.find((s) => s.communityId === c && s.kind === kind)?._sum.amount ?? 0;
  return new Map(opts.keys.map((c) => [c, { issued: of(c, 'earn'), redeemed: -of(c, 'redeem') - of(c, 'refund') }]));
}
