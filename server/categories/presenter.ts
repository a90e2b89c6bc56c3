import type { Prisma } from '@prisma/client';

/** What anyone in the community sees of a category: no ids, no sort order, no switch. */
export const categoryFields = {
  code: true,
  name: true,
  icon: true,
  responseMinutes: true,
  resolveMinutes: true,
} satisfies Prisma.ServiceCategorySelect;

/** What the community's staff and administrators see of a category on the settings page. */
export const managedCategoryFields = {
  id: true,
  code: true,
  name: true,
  icon: true,
  responseMinutes: true,
  resolveMinutes: true,
  emergency: true,
  active: true,
  sort: true,
  _count: { select: { orders: true } },
} satisfies Prisma.ServiceCategorySelect;

type ManagedRow = Prisma.ServiceCategoryGetPayload<{ select: typeof managedCategoryFields }>;

export const presentManagedCategory = ({ _count, ...c }: ManagedRow) => ({ ...c, orders: _count.orders });

/** The fields the audit log records of a category: what a person edits, never the id. */
export const auditedCategory = (c: { code: string; name: string; icon: string; responseMinutes: number; resolveMinutes: number; emergency: boolean; active: boolean }) => ({
  code: c.code, name: c.name, icon: c.icon, responseMinutes: c.responseMinutes, resolveMinutes: c.resolveMinutes, emergency: c.emergency, active: c.active,
});
