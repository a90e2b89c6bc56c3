// 信息更正 (PIPL Art. 46): a resident's request to correct what the community holds
// about them is an order of its own kind, so the 四单 flow, its deadlines and its
// timeline apply. The category is made for a community the first time someone asks,
// and it is never offered in the ordinary 报事 picker: it is filed only through
// POST /api/me/corrections, which words the request itself.
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';

export const CORRECTION_CATEGORY = {
  code: 'correction',
  name: '信息更正',
  icon: '📝',
  // a day to be taken up; fifteen days to be put right (GB/T 35273-2020 §8.7 allows 30 days to answer a rights request)
  responseMinutes: 1440,
  resolveMinutes: 15 * 1440,
  // after every ordinary kind in any list that sorts by it
  sort: 1000,
} as const;

/** Kinds filed only by their own route, never from the 报事 picker or POST /api/orders. */
export const isReservedCategory = (code: string) => code === CORRECTION_CATEGORY.code;

/** Makes sure the community has an active 信息更正 category; a right cannot be switched off. */
export async function ensureCorrectionCategory(deps: Deps, communityId: string): Promise<void> {
  const { code, name, icon, responseMinutes, resolveMinutes, sort } = CORRECTION_CATEGORY;
  const where = { communityId_code: { communityId, code } };
  const found = await deps.db.serviceCategory.findUnique({ where, select: { active: true } });
  if (found?.active) return;
  try {
    await deps.db.serviceCategory.upsert({
      where,
      create: { communityId, code, name, icon, responseMinutes, resolveMinutes, sort },
      update: { active: true },
    });
  } catch (e) {
    // two first requests at once: the other one made it
    if (!isUniqueViolation(e)) throw e;
  }
}
