import type { Prisma } from '@prisma/client';

/** What anyone in the community sees of a category: no ids, no sort order, no switch. */
export const categoryFields = {
  code: true,
  name: true,
  icon: true,
  responseMinutes: true,
  resolveMinutes: true,
} satisfies Prisma.ServiceCategorySelect;
