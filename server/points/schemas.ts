import { z } from 'zod';
import { AWARD_LIMITS } from '../../shared/limits.js';
import { id, isoDate } from '../http/fields.js';
import { pageQuery } from '../http/paging.js';

const positive = (max: number) => z.number().int('must be a whole number').min(1).max(max);

export const createRuleBody = z.object({
  code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/, 'lower-case letters, digits and _'),
  name: z.string().trim().min(1, 'required').max(40),
  points: positive(10_000),
  monthlyCap: positive(100_000).nullable().optional(),
});

export const updateRuleBody = z
  .object({
    name: z.string().trim().min(1).max(40),
    points: positive(10_000),
    monthlyCap: positive(100_000).nullable(),
    active: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const settingsBody = z.object({
  expiryMonths: z.number().int().min(1).max(120).nullable(),
});

export const awardBody = z.object({
  ruleId: id,
  householdIds: z.array(id).min(1, 'at least one household').max(1000, 'at most 1000 households at once'),
  /** How many times the rule applies (e.g. 3 volunteer hours). */
  times: positive(AWARD_LIMITS.times).default(1),
  /** The resident who earned it, for a single household. */
  residentId: id.optional(),
  note: z.string().trim().max(AWARD_LIMITS.note).optional(),
});

export const adjustBody = z.object({
  householdId: id,
  amount: z
    .number()
    .int('must be a whole number')
    .min(-100_000)
    .max(100_000)
    .refine((n) => n !== 0, 'must not be zero'),
  reason: z.string().trim().min(2, 'say why').max(200),
});

export const ledgerQuery = z.object(pageQuery(100, 30));

export const leaderboardQuery = z.object({
  buildingId: id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const monthlyQuery = z.object({
  months: z.coerce.number().int().min(1).max(24).default(6),
});

// ---- answers -------------------------------------------------------------------

export const POINTS_ENTRY_KINDS = ['earn', 'redeem', 'refund', 'expire', 'adjust'] as const;

export const pointsEntry = z
  .object({
    id: z.string(),
    kind: z.enum(POINTS_ENTRY_KINDS),
    /** Signed: earn and refund add, redeem and expire take away, adjust either way. */
    amount: z.number().int(),
    reason: z.string(),
    createdAt: isoDate,
  })
  .meta({ id: 'PointsEntry' });

/** A household's balance and a page of its ledger, newest first. */
export const householdLedgerAnswer = z
  .object({
    householdId: z.string(),
    balance: z.number().int(),
    entries: z.array(pointsEntry),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'PointsLedger' });

export const leaderboardAnswer = z
  .object({
    building: z.object({ id: z.string(), name: z.string() }),
    ranks: z.array(
      z.object({
        rank: z.number().int(),
        householdId: z.string(),
        room: z.string(),
        /** The head of the household, name masked (杨*英). */
        head: z.string().nullable(),
        earned: z.number().int(),
        mine: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'PointsLeaderboard' });

export const monthlyTotalsAnswer = z.array(
  z.object({
    /** 2026-11 */
    month: z.string(),
    earned: z.number().int(),
    redeemed: z.number().int(),
    refunded: z.number().int(),
    expired: z.number().int(),
    adjusted: z.number().int(),
  }),
);

/** A rule as everyone in the community reads it. */
export const pointsRule = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    points: z.number().int(),
    monthlyCap: z.number().int().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'PointsRule' });

export const pointsRuleList = z.array(pointsRule);

/** A rule as staff just wrote it. */
export const storedPointsRule = pointsRule.extend({ communityId: z.string(), createdAt: isoDate }).meta({ id: 'StoredPointsRule' });

export const pointsSettings = z.object({ expiryMonths: z.number().int().nullable() }).meta({ id: 'PointsSettings' });

export const awardAnswer = z
  .object({
    awarded: z.array(z.object({ householdId: z.string(), amount: z.number().int() })),
    skipped: z.array(z.object({ householdId: z.string(), reason: z.enum(['monthly_cap', 'already_awarded']) })),
  })
  .meta({ id: 'PointsAwardResult' });

export const adjustAnswer = z.object({ householdId: z.string(), balance: z.number().int() });

export type CreateRuleBody = z.infer<typeof createRuleBody>;
export type UpdateRuleBody = z.infer<typeof updateRuleBody>;
export type AwardBody = z.infer<typeof awardBody>;
export type AdjustBody = z.infer<typeof adjustBody>;
export type LedgerQuery = z.infer<typeof ledgerQuery>;

// ---- the staff console's 户积分 ------------------------------------------------------

/** The community's households with their balance: found by building and room, sorted and paged on the server. */
export const pointsHouseholdsQuery = z.object({
  buildingId: id.optional(),
  /** A room number, or part of one. */
  room: z.string().trim().regex(/^[0-9A-Za-z-]{1,20}$/, 'digits and letters, like 302').optional(),
  sort: z.enum(['address', 'balance']).default('address'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(20),
});

export const pointsHouseholdPage = z.object({
  total: z.number().int(),
  items: z.array(
    z
      .object({
        id: z.string(),
        building: z.object({ id: z.string(), name: z.string() }),
        /** 1单元 302 */
        room: z.string(),
        /** The head of the household, where the visibility table shows names to the viewer. */
        head: z.string().nullable().optional(),
        balance: z.number().int(),
      })
      .meta({ id: 'PointsHousehold' }),
  ),
});

export type PointsHouseholdsQuery = z.infer<typeof pointsHouseholdsQuery>;
