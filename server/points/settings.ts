// Whether points expire in a community, and after how many months (expirePoints.ts).
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
  await deps.db.pointsSettings.upsert({
    where: { communityId },
    create: { communityId, expiryMonths },
    update: { expiryMonths },
  });
  return { expiryMonths };
}
