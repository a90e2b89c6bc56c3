// Open311 (server/open311): who issues and revokes an integration's API key, and
// what a key may do. Personal fields a key's answers carry are decided in
// ./visibility.ts (OPEN311_FIELDS), the one place for personal fields.
import type { Viewer } from '../auth/viewer.js';
import { isStaffOf, mayAdministerCommunity } from './roles.js';

/** What an integration is for; the console's words are in server/open311/schemas.ts. */
export const OPEN311_PURPOSES = ['status', 'hotline'] as const;
export type Open311Purpose = (typeof OPEN311_PURPOSES)[number];

/**
 * Keys of a community are issued, listed and revoked by those who run it: its staff
 * (社区干部), and the platform admin and the 街道/县 admins above it. A key opens the
 * community's orders to an outside system, so grid workers and reviewers may not.
 */
export const mayManageOpen311Keys = (v: Viewer, communityId: string) => isStaffOf(v, communityId) || mayAdministerCommunity(v, communityId);

/** status keys only read (a progress board); hotline keys also file requests (热线转办). */
export const open311MayFile = (purpose: Open311Purpose) => purpose === 'hotline';

/**
 * A key files as the community's own desk would (代报): a viewer that may file for
 * any household of that one community. It exists only for the filing use case
 * (server/orders submitOrder's canFileFor); it never signs in and is never stored.
 */
export function open311Filer(key: { userId: string; name: string; communityId: string }): Viewer {
  return {
    userId: key.userId,
    displayName: key.name,
    resident: null,
    roles: [{ role: 'STAFF', communityId: key.communityId, gridId: null, buildingId: null, regionId: null }],
    regions: [],
  };
}
