import { z } from 'zod';
import { id, isoDate } from '../http/fields.js';

const placeName = (max: number) =>
  z.string().trim().min(2, 'at least 2 characters').max(max).refine((s) => !/[\u0000-\u001f]/.test(s), 'must not hold control characters');

export const regionLevel = z.enum(['COUNTY', 'STREET']);
export const regionRole = z.enum(['COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT']);
export type RegionRoleName = z.infer<typeof regionRole>;

/** POST /api/regions: a 县 (no parent) or a 街道 under a 县. */
export const createRegionBody = z
  .object({
    level: regionLevel,
    /** 织金县, 惠民街道 */
    name: placeName(40),
    /** a 街道's 县 (required for a 街道, absent for a 县) */
    parentId: id.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.level === 'STREET' && !b.parentId) ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'a 街道 needs its 县 (parentId)' });
    if (b.level === 'COUNTY' && b.parentId) ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'a 县 has no parent' });
  });
export type CreateRegionBody = z.infer<typeof createRegionBody>;

/** POST /api/regions/:id/communities: a community under a 街道. */
export const createCommunityBody = z.object({
  /** 惠泽社区 */
  name: placeName(40),
  /** the resettlement estate, 平远新城 */
  estate: placeName(40),
  /** the full place name, 贵州省毕节市织金县; the 县's name when absent */
  district: placeName(80).optional(),
});
export type CreateCommunityBody = z.infer<typeof createCommunityBody>;

/** POST /api/regions/:id/roles */
export const assignRegionRoleBody = z.object({ userId: id, role: regionRole });

export const regionRoleParams = z.object({ id, roleId: id });

/** POST /api/regions/:id/invites: a role for an official not on e家社区 yet (a one-time code). */
export const regionInviteBody = z.object({ role: regionRole, name: z.string().trim().min(1, 'required: who the code is for').max(20) });
export type RegionInviteBody = z.infer<typeof regionInviteBody>;

export const regionInviteParams = z.object({ id, inviteId: id });

export const candidatesQuery = z.object({ q: z.string().trim().min(1, 'required').max(40) });

// ---- answers -------------------------------------------------------------------

export const regionOfficial = z
  .object({
    /** the UserRole's id (DELETE …/roles/:roleId) */
    id: z.string(),
    role: regionRole,
    user: z.object({ id: z.string(), name: z.string() }),
    since: isoDate,
    /** may the viewer take it away (in the region list; absent where it was just given) */
    mayRemove: z.boolean().optional(),
  })
  .meta({ id: 'RegionOfficial' });

const communityItem = z.object({ id: z.string(), name: z.string(), estate: z.string(), district: z.string() });

export const regionNode = z
  .object({
    id: z.string(),
    level: regionLevel,
    name: z.string(),
    parentId: z.string().nullable(),
    createdAt: isoDate,
    /** a 街道's communities (empty for a 县: see its 街道) */
    communities: z.array(communityItem),
    officials: z.array(regionOfficial),
    /** may the viewer create under it (街道 under a 县, communities under a 街道) */
    mayCreateUnder: z.boolean(),
  })
  .meta({ id: 'RegionNode' });

export const regionTree = z.object({
  /** the regions the viewer sees, 县 first then their 街道, by name */
  items: z.array(regionNode),
  /** may the viewer create a 县 (the platform admin) */
  mayCreateCounty: z.boolean(),
});

export const regionCreated = z.object({ id: z.string(), level: regionLevel, name: z.string(), parentId: z.string().nullable(), createdAt: isoDate });
export const communityCreated = z.object({ id: z.string(), name: z.string(), estate: z.string(), district: z.string(), regionId: z.string(), createdAt: isoDate });

export const candidates = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
});

export const roleRemoved = z.object({ id: z.string(), /** every session of the account ended (it signs in again with what it still holds) */ sessionsEnded: z.number().int() });

export const regionInvite = z
  .object({
    id: z.string(),
    /** who the code is for, as written when it was made */
    name: z.string(),
    role: regionRole,
    expiresAt: isoDate,
    createdAt: isoDate,
    createdBy: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'RegionInvite' });

/** The code, shown once: only its HMAC is kept. */
export const newRegionInvite = regionInvite.extend({ code: z.string() }).meta({ id: 'NewRegionInvite' });
export const regionInviteList = z.object({ items: z.array(regionInvite) });
