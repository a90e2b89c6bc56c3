import { z } from 'zod';
import { id, isoDate, paged } from '../http/fields.js';
import { pageQuery } from '../http/paging.js';
import { COMMUNITY_ROLES } from '../policies/index.js';

/** 楼栋长 (a building), 网格员 (a grid), 社区干部 and 党组织 reviewer (the community). */
export const communityRole = z.enum(COMMUNITY_ROLES);

export const accountsQuery = z.object({
  /** Staff: their own community unless they name one; an administrator of several names it. */
  communityId: id.optional(),
  /** Part of the account's name. */
  q: z.string().trim().min(1).max(20).optional(),
  role: communityRole.optional(),
  ...pageQuery(100, 20),
});

const rolePlace = { communityId: id.optional(), role: communityRole, gridId: id.optional(), buildingId: id.optional() };

/** The place a role needs: a building for 楼栋长, a grid for 网格员, neither for staff and reviewers. */
function checkRolePlace(b: { role: string; gridId?: string | undefined; buildingId?: string | undefined }, ctx: z.RefinementCtx) {
  if (b.role === 'GRID_WORKER' && !b.gridId) ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'required for a grid worker (网格员)' });
  if (b.role === 'BUILDING_HEAD' && !b.buildingId) ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'required for a building head (楼栋长)' });
  if (b.role !== 'GRID_WORKER' && b.gridId) ctx.addIssue({ code: 'custom', path: ['gridId'], message: 'only a grid worker (网格员) has a grid' });
  if (b.role !== 'BUILDING_HEAD' && b.buildingId) ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'only a building head (楼栋长) has a building' });
}

/** A role for an account the community already has (found in the 账号 list by name). */
export const assignRoleBody = z.object({ ...rolePlace, userId: id }).superRefine(checkRolePlace);

/** A role for a person not on e家社区 yet: a one-time code they enter in the mini-program. */
export const roleInviteBody = z
  .object({ ...rolePlace, name: z.string().trim().min(1, 'required: who the code is for').max(20) })
  .superRefine(checkRolePlace);

export const invitesQuery = z.object({ communityId: id.optional() });

// ---- answers -------------------------------------------------------------------

const place = z.object({ id: z.string(), name: z.string() });

export const roleGrant = z
  .object({
    id: z.string(),
    role: communityRole,
    grid: place.nullable(),
    building: place.nullable(),
    since: isoDate,
  })
  .meta({ id: 'CommunityRoleGrant' });

export const account = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Linked to a household (a resident's own account): it cannot take a working role (docs/domains.md). */
    residentAccount: z.boolean(),
    /** The roles in this community the viewer manages. */
    roles: z.array(roleGrant),
    /** 两步验证 is on for the account */
    twoStep: z.boolean(),
    /** the viewer may reset its 两步验证 (on, and policies/auth.ts mayResetTwoStep): POST /api/auth/accounts/:id/totp/reset */
    mayResetTwoStep: z.boolean(),
  })
  .meta({ id: 'CommunityAccount' });

export const accountPage = paged(account).extend({
  /** The roles the viewer may give and take here (staff: 楼栋长 and 网格员). */
  manageable: z.array(communityRole),
  communityId: z.string(),
});

export const assignedRole = roleGrant.extend({ user: place }).meta({ id: 'AssignedRole' });

export const removedRole = z
  .object({
    id: z.string(),
    role: communityRole,
    user: place,
    /** sessions of the account ended at once (the mini-program's and the console's) */
    sessionsEnded: z.number().int(),
    /** a grid worker's open orders of that grid, back to 待派单 */
    ordersReturned: z.number().int(),
  })
  .meta({ id: 'RemovedRole' });

export const roleInvite = z
  .object({
    id: z.string(),
    name: z.string(),
    role: communityRole,
    grid: place.nullable(),
    building: place.nullable(),
    expiresAt: isoDate,
    createdAt: isoDate,
    createdBy: place,
  })
  .meta({ id: 'RoleInvite' });

/** The code, shown once: only its HMAC is kept. */
export const newRoleInvite = roleInvite.extend({ code: z.string() }).meta({ id: 'NewRoleInvite' });
export const roleInviteList = z.array(roleInvite);

export type AccountsQuery = z.infer<typeof accountsQuery>;
export type AssignRoleBody = z.infer<typeof assignRoleBody>;
export type RoleInviteBody = z.infer<typeof roleInviteBody>;
