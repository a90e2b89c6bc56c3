// Reads only: which communities a viewer compares, named with their 街道 and 县
// (Community is server/org's, Region server/regions'; nothing here writes).
import type { DbTx } from '../db.js';

export const communitiesNamed = (db: DbTx, ids: string[] | null) =>
  db.community.findMany({
    where: ids ? { id: { in: ids } } : {},
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, estate: true, region: { select: { id: true, name: true, parent: { select: { id: true, name: true } } } } },
  });

export type NamedCommunity = Awaited<ReturnType<typeof communitiesNamed>>[number];

/** The communities under a 县 (through its 街道) or a 街道. */
export async function communitiesUnder(db: DbTx, regionId: string): Promise<string[]> {
  const rows = await db.community.findMany({ where: { OR: [{ regionId }, { region: { parentId: regionId } }] }, select: { id: true } });
  return rows.map((r) => r.id);
}

export const gridsOf = (db: DbTx, communityId: string) =>
  db.grid.findMany({ where: { communityId }, orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { id: true, name: true } });
