// Whether points expire in a community, and after how many months (expirePoints.ts).
// A change is in the audit log (#19 item 5), in the change's own transaction.
import { recordAdminChange } from '../audit/index.js';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { homeCommunity, pointsStaffCommunity } from '../policies/index.js';

export async function getSettings(deps: Deps, v: Viewer) {
  const communityId = homeCommunity(v);
  if (!communityId) throw notFound('community');
  const s = await deps.db.pointsSettings.findUnique({ where: { communityId } });
  return { expiryMonths: s?.expiryMonths ?? null };
}

export async function updateSettings(deps: Deps, v: Viewer, expiryMonths: number | null) {
  const communityId = pointsStaffCommunity(v);
  const now = deps.clock();
  await deps.db.$transaction(async (tx) => {
    const before = (await tx.pointsSettings.findUnique({ where: { communityId } }))?.expiryMonths ?? null;
    if (before === expiryMonths) return;
    await tx.pointsSettings.upsert({
      where: { communityId },
      create: { communityId, expiryMonths },
      update: { expiryMonths },
    });
    await recordAdminChange(tx, { actor: v, action: 'points_settings.update', at: now, target: { type: 'points_settings', id: communityId, communityId }, before: { expiryMonths: before }, after: { expiryMonths } });
  });
  return { expiryMonths };
}
