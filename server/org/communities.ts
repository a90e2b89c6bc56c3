// Making a community (server/regions asks, for a 街道 or 县 admin): the Community
// row is this folder's, so it is written here.
import type { DbTx } from '../db.js';

export interface NewCommunity {
  name: string;
  estate: string;
  district: string;
  /** the 街道 it sits under */
  regionId: string;
}

/** A community of this name under the 街道 already (names are unique per 街道). */
export const communityNamed = (tx: DbTx, regionId: string, name: string) =>
  tx.community.findFirst({ where: { regionId, name }, select: { id: true } });

export const insertCommunity = (tx: DbTx, c: NewCommunity) =>
  tx.community.create({ data: c, select: { id: true, name: true, estate: true, district: true, regionId: true, createdAt: true } });
