// The orders an outside system reads (Open311 GeoReport v2, server/open311): a community's,
// never a 信息更正 (those are about a person's own record), newest first, with what names
// them. The integration decides which fields its key's purpose may see (its presenter).
import type { OrderStatus, Prisma } from '@prisma/client';
import { CORRECTION_CATEGORY } from '../categories/index.js';
import type { DbTx } from '../db.js';

const integrationOrderSelect = {
  id: true,
  status: true,
  title: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  resolveDueAt: true,
  mergedIntoId: true,
  buildingId: true,
  householdId: true,
  category: { select: { code: true, name: true } },
  building: { select: { name: true } },
  grid: { select: { name: true } },
  community: { select: { name: true } },
  household: { select: { room: true, unit: { select: { name: true } } } },
  resident: { select: { name: true, phone: true } },
} satisfies Prisma.OrderSelect;
export type IntegrationOrderRow = Prisma.OrderGetPayload<{ select: typeof integrationOrderSelect }>;

export interface IntegrationOrderFilter {
  communityId: string;
  /** these orders only */
  ids?: string[] | undefined;
  /** filed at or after */
  createdFrom?: Date | undefined;
  /** filed before */
  createdBefore?: Date | undefined;
  /** of these categories (their codes) */
  categoryCodes?: string[] | undefined;
  /** in these states, or in any but these */
  statuses?: { in: readonly OrderStatus[] } | { notIn: readonly OrderStatus[] } | undefined;
}

/** At most `take` orders of the community matching every filter given, newest first. */
export function ordersForIntegration(db: DbTx, f: IntegrationOrderFilter, take: number): Promise<IntegrationOrderRow[]> {
  const created = { ...(f.createdFrom ? { gte: f.createdFrom } : {}), ...(f.createdBefore ? { lt: f.createdBefore } : {}) };
  const where: Prisma.OrderWhereInput = {
    AND: [
      { communityId: f.communityId, category: { code: { not: CORRECTION_CATEGORY.code } } },
      ...(f.ids ? [{ id: { in: f.ids } }] : []),
      ...(f.createdFrom || f.createdBefore ? [{ createdAt: created }] : []),
      ...(f.categoryCodes ? [{ category: { code: { in: f.categoryCodes } } }] : []),
      ...(f.statuses ? [{ status: 'in' in f.statuses ? { in: [...f.statuses.in] } : { notIn: [...f.statuses.notIn] } }] : []),
    ],
  };
  return db.order.findMany({ where, select: integrationOrderSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
}
