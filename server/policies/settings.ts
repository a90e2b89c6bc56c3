// 社区设置 (issue #19 item 4): who changes a community's service categories, its 常用回复
// and its automatic-notice switches, and who reads their history.
//
// The choice:
// - Service categories (names, icons, response and resolve deadlines, the emergency flag, on/off,
//   order) are the community's promise to its residents: its administrators set them
//   (mayAdministerCommunity: the platform admin and the 街道/县 admins above it). Its staff do not.
// - 常用回复 are written every day by the people who answer orders: the community's staff edit
//   them (mayEditStockReplies, policies/orders.ts), and so may its administrators.
// - The automatic-notice switches (noticePolicy.automateFor, policies/notices.ts): its
//   administrators, and its staff as before (they run the notices day to day).
// - The history of all of these is read by whoever may open the settings page for the
//   community: its staff and its administrators (entries hold no personal fields).
import type { Viewer } from '../auth/viewer.js';
import { communitiesAdministeredAbove, communitiesWith, isAdmin, isStaffOf, mayAdministerCommunity } from './roles.js';

/** Administers some community at all (which one is asked by mayEditCategories). */
export const administersSomeCommunity = (v: Viewer) => isAdmin(v) || communitiesAdministeredAbove(v).length > 0;

/** May open the settings page at all: staff of some community, or an administrator of some (which community: mayReadSettings). */
export const mayOpenSettings = (v: Viewer) => administersSomeCommunity(v) || communitiesWith(v, ['STAFF']).length > 0;

/** Create, change, switch off, remove and reorder the community's service categories. */
export const mayEditCategories = (v: Viewer, communityId: string) => mayAdministerCommunity(v, communityId);

/** Read the community's settings as the console shows them (every category, the history). */
export const mayReadSettings = (v: Viewer, communityId: string) => isStaffOf(v, communityId) || mayAdministerCommunity(v, communityId);

/**
 * 党组织评单's deadline (days from resolution to review): a promise the community makes, like
 * its categories' deadlines, so its administrators set it; its staff read it on the settings page.
 */
export const mayEditReviewDeadline = (v: Viewer, communityId: string) => mayAdministerCommunity(v, communityId);
