// Demo 积分超市 shelves: the same goods in every community.
import type { Deps } from '../context.js';
import { insertItem } from './queries.js';

export const DEMO_ITEMS = [
  { name: '大米 5kg', icon: '🍚', pointsPrice: 120, stock: 40, limitPerHousehold: 1, limitPeriod: 'month' as const },
  { name: '菜籽油 1.8L', icon: '🫗', pointsPrice: 100, stock: 30, limitPerHousehold: 1, limitPeriod: 'month' as const },
  { name: '洗衣粉 2kg', icon: '🧺', pointsPrice: 40, stock: 60, limitPerHousehold: 2, limitPeriod: 'month' as const },
  { name: '香皂', icon: '🧼', pointsPrice: 10, stock: 100, limitPerHousehold: null, limitPeriod: 'month' as const },
  { name: '作业本（10本）', icon: '📒', pointsPrice: 20, stock: 80, limitPerHousehold: 3, limitPeriod: 'month' as const },
  { name: '书包', icon: '🎒', pointsPrice: 150, stock: 10, limitPerHousehold: 1, limitPeriod: 'month' as const },
  { name: '毛巾', icon: '🧣', pointsPrice: 15, stock: 50, limitPerHousehold: null, limitPeriod: 'month' as const },
];

export async function seedShopDemo(deps: Deps): Promise<void> {
  const communities = await deps.db.community.findMany({ select: { id: true } });
  const now = deps.clock();
  await deps.sql.transaction(async (tx) => {
    for (const { id: communityId } of communities) {
      for (const item of DEMO_ITEMS) await insertItem(tx, { ...item, communityId, description: '', onShelf: true }, now);
    }
  });
}
