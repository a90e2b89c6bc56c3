import { z } from 'zod';
import { pageQuery } from '../http/paging.js';

const id = z.string().trim().min(1, 'required').max(40);
const positive = (max: number) => z.number().int('must be a whole number').min(1).max(max);

export const idParams = z.object({ id });

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
  times: positive(100).default(1),
  /** The resident who earned it, for a single household. */
  residentId: id.optional(),
  note: z.string().trim().max(200).optional(),
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

export const createItemBody = z.object({
  name: z.string().trim().min(1, 'required').max(40),
  description: z.string().trim().max(200).default(''),
  icon: z.string().trim().min(1).max(8).default('🎁'),
  pointsPrice: positive(1_000_000),
  stock: z.number().int().min(0).max(100_000),
  limitPerHousehold: positive(1000).nullable().default(null),
  limitPeriod: z.enum(['day', 'week', 'month']).default('month'),
  onShelf: z.boolean().default(true),
});

export const updateItemBody = createItemBody
  .omit({ stock: true })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const restockBody = z.object({ quantity: positive(100_000) });

export const redeemBody = z.object({
  itemId: id,
  quantity: positive(20).default(1),
});

export const listRedemptionsQuery = z.object({
  status: z.enum(['reserved', 'handed_over', 'cancelled']).optional(),
  /** Staff at the counter: the one redemption with this code. */
  pickupCode: z.string().trim().regex(/^\d{6}$/, 'six digits').optional(),
  ...pageQuery(100, 30),
});

export const handOverBody = z.object({
  pickupCode: z.string().trim().regex(/^\d{6}$/, 'six digits'),
});

export type CreateRuleBody = z.infer<typeof createRuleBody>;
export type UpdateRuleBody = z.infer<typeof updateRuleBody>;
export type AwardBody = z.infer<typeof awardBody>;
export type AdjustBody = z.infer<typeof adjustBody>;
export type CreateItemBody = z.infer<typeof createItemBody>;
export type UpdateItemBody = z.infer<typeof updateItemBody>;
export type RedeemBody = z.infer<typeof redeemBody>;
export type ListRedemptionsQuery = z.infer<typeof listRedemptionsQuery>;
