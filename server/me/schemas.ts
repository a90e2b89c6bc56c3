import { HouseholdTagKind, Role } from '@prisma/client';
import { z } from 'zod';
import { ALL_CONSENT_KINDS, CONSENT_KINDS } from '../../shared/consent.js';
import { CORRECTION_LIMITS, LINK_CODE_LENGTH } from '../../shared/limits.js';
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
    /** the 县 or 街道 of a region role (COUNTY_*, STREET_*); absent for the others */
    regionId: z.string().nullable().optional(),
  })
  .meta({ id: 'RoleGrant' });

/** POST /api/me/consents: agreeing to the current version of the 隐私政策, the 用户协议, or the separate tick for sensitive information (shared/consent.ts). */
export const consentBody = z.object({
  kind: z.enum(ALL_CONSENT_KINDS),
  /** the version the user was shown, `2026-12-05` */
  version: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'a version like 2026-12-05'),
});
export type ConsentBody = z.infer<typeof consentBody>;

/** Where the user stands with the texts they must agree to: `agreed` false asks them (the privacy pop-up). */
export const consentState = z
  .object({
    /** every text agreed at its current version */
    agreed: z.boolean(),
    items: z.array(z.object({ kind: z.enum(CONSENT_KINDS), version: z.string(), agreedAt: isoDate.nullable() })),
  })
  .meta({ id: 'ConsentState' });

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
    consent: consentState,
  })
  .meta({ id: 'Me' });

const namedPlace = z.object({ id: z.string(), name: z.string() });
/**
 * `role`: the code was a role invitation (server/accounts), and the account now holds that role;
 * `regionRole`: it was an invitation to a 县/街道 role (server/regions).
 */
export const linkedAnswer = z.object({
  linked: z.boolean(),
  role: z
    .object({ role: z.string(), community: namedPlace, grid: namedPlace.nullable(), building: namedPlace.nullable() })
    .optional(),
  regionRole: z.object({ role: z.string(), region: namedPlace }).optional(),
});

/** 信息更正 (PIPL Art. 46): which item of the copy is wrong, and what is right, in the resident's words. */
export const correctionBody = z.object({
  /** `电话`, `王秀英的出生年份`, `就业情况` … */
  item: z.string().trim().min(CORRECTION_LIMITS.item.min, 'say which item is wrong').max(CORRECTION_LIMITS.item.max),
  /** What it should say. */
  correction: z.string().trim().min(CORRECTION_LIMITS.correction.min, 'say what is right').max(CORRECTION_LIMITS.correction.max),
});

export type CorrectionBody = z.infer<typeof correctionBody>;

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
      /** Every agreement (隐私政策, 用户协议, sensitive information), with the version agreed, oldest first. */
      consents: z.array(z.object({ kind: z.string(), version: z.string(), agreedAt: isoDate })),
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
