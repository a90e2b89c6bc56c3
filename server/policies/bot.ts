// The chat groups the bot and the WeCom robots post into, and the building or
// grid each one serves.
import type { Prisma, Role } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { noticePolicy } from './notices.js';
import { communitiesWith, isAdmin, isStaffOf } from './roles.js';

/** Chat groups staff may see: their community's, and the ones not yet linked to any community (so they can pick). */
export function chatGroupScope(v: Viewer): Prisma.ChatGroupWhereInput {
  if (isAdmin(v)) return {};
  const communities = communitiesWith(v, ['STAFF']);
  if (!communities.length) return { id: { in: [] } };
  return { OR: [{ communityId: null }, { communityId: { in: communities } }] };
}

/** The staff who write notices choose the groups they go to. */
export const groupLinkPolicy = {
  /** Seeing the groups and linking them at all; `link` then says for which building or grid. */
  use: noticePolicy.write,
  link: (v: Viewer, place: { communityId: string }) => isStaffOf(v, place.communityId),
};

/**
 * Who hears that the group bot is out (logged out, or waiting for a scan), by subscribe message and
 * the console's banner: platform admins, who may scan its QR, and community staff, whose notices wait.
 */
export const BOT_ALERT_ROLES = ['ADMIN', 'STAFF'] as const satisfies readonly Role[];
export const botAlertAudience: Prisma.UserRoleWhereInput = { role: { in: [...BOT_ALERT_ROLES] } };
export const maySeeBotBanner = (v: Viewer) => isAdmin(v) || communitiesWith(v, ['STAFF']).length > 0;
