import { Role } from '@prisma/client';
import { z } from 'zod';
import { LINK_CODE_LENGTH } from '../../shared/limits.js';
import { personRef } from '../http/fields.js';

export const acceptInviteBody = z.object({
  code: z.string().trim().min(LINK_CODE_LENGTH.min, 'the code from your grid worker').max(LINK_CODE_LENGTH.max),
});

// ---- answers -------------------------------------------------------------------

const place = z.object({ id: z.string(), name: z.string() });

/** A role the user holds and the place it covers (a building head's building, a grid worker's grid…). */
export const roleGrant = z
  .object({
    role: z.enum(Role),
    communityId: z.string().nullable(),
    gridId: z.string().nullable(),
    buildingId: z.string().nullable(),
  })
  .meta({ id: 'RoleGrant' });

/** Who the signed-in user is: roles, and where they live once linked to a resident (else nulls). */
export const me = z
  .object({
    user: personRef,
    roles: z.array(roleGrant),
    linked: z.boolean(),
    community: z.object({ id: z.string(), name: z.string(), estate: z.string() }).nullable(),
    resident: z.object({ id: z.string(), name: z.string(), householdId: z.string() }).nullable(),
    building: place.nullable(),
    grid: place.nullable(),
    /** `1单元 302` */
    room: z.string().nullable(),
  })
  .meta({ id: 'Me' });

export const linkedAnswer = z.object({ linked: z.boolean() });

export type AcceptInviteBody = z.infer<typeof acceptInviteBody>;
