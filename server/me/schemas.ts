import { HouseholdTagKind, Role } from '@prisma/client';
import { z } from 'zod';
import { LINK_CODE_LENGTH } from '../../shared/limits.js';
import { employmentRecord } from '../employment/index.js';
import { isoDate, personRef } from '../http/fields.js';
import { orderDetail } from '../orders/index.js';
import { pointsEntry } from '../points/index.js';
import { redemption } from '../shop/index.js';

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

/** PIPL Art. 45: a copy of everything held about the signed-in user and their own household. */
export const myDataCopy = z
  .object({
    /** When the copy was made. */
    madeAt: isoDate,
    account: z.object({
      id: z.string(),
      name: z.string(),
      createdAt: isoDate,
      /** WeChat sign-ins; no session or secret is ever part of the copy. */
      identities: z.array(z.object({ kind: z.literal('wechat'), openid: z.string(), unionid: z.string().nullable(), linkedAt: isoDate })),
      roles: z.array(roleGrant),
      /** Consent records (none stored yet). */
      consents: z.array(z.never()),
    }),
    resident: z.object({ id: z.string(), name: z.string() }).nullable(),
    /** Null for an account not linked to a household. */
    household: z
      .object({
        id: z.string(),
        building: z.string(),
        unit: z.string(),
        room: z.string(),
        originPlace: z.string().nullable(),
        groundFloor: z.boolean(),
        members: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            relation: z.string(),
            gender: z.string(),
            birthYear: z.number().int().nullable(),
            phone: z.string().nullable(),
            /** In full: it is the household's own data. */
            idNumber: z.string().nullable(),
            /** Newest first; the current one is marked. */
            employment: z.array(employmentRecord),
          }),
        ),
        /** 七彩 tags, with their notes. */
        tags: z.array(z.object({ kind: z.enum(HouseholdTagKind), note: z.string().nullable(), since: isoDate })),
      })
      .nullable(),
    /** The household's balance and every ledger entry, newest first. */
    points: z.object({ balance: z.number().int(), entries: z.array(pointsEntry) }).nullable(),
    redemptions: z.array(redemption),
    /** Every order of the household, oldest first, as its order page shows it. */
    orders: z.array(orderDetail),
    /** Images this account uploaded. */
    photos: z.array(
      z.object({ id: z.string(), url: z.string(), mime: z.string(), width: z.number().int(), height: z.number().int(), bytes: z.number().int(), createdAt: isoDate }),
    ),
    noticesRead: z.array(z.object({ noticeId: z.string(), title: z.string(), readAt: isoDate })),
  })
  .meta({ id: 'MyDataCopy' });
