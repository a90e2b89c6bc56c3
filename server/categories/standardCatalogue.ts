// A community made through the levels' API (县 → 街道 → 社区) starts with the service
// catalogue of the case reports (server/demoFacts.ts CATEGORIES, the one the demo has
// too), so its residents can file from the first day; its administrators change it in
// 社区设置 afterwards. Written in the transaction that makes the community.
import type { DbTx } from '../db.js';
import { CATEGORIES } from '../demoFacts.js';

export async function addStandardCatalogue(tx: DbTx, communityId: string): Promise<number> {
  const { count } = await tx.serviceCategory.createMany({
    data: CATEGORIES.map((c, i) => ({
      communityId,
      code: c.code,
      name: c.name,
      icon: c.icon,
      sort: i,
      responseMinutes: c.respond,
      resolveMinutes: c.resolve,
    })),
  });
  return count;
}
