import { z } from 'zod';
import { SHOP_LIMITS } from '../../shared/limits.js';
import { id, isoDate, paged } from '../http/fields.js';
import { pageQuery } from '../http/paging.js';

const positive = (max: number) => z.number().int('must be a whole number').min(1).max(max);
const pickupCode = z.string().trim().regex(/^\d{6}$/, 'six digits');

export const LIMIT_PERIODS = ['day', 'week', 'month'] as const;
export const REDEMPTION_STATUSES = ['reserved', 'handed_over', 'cancelled'] as const;

const itemFields = {
  name: z.string().trim().min(1, 'required').max(40),
  description: z.string().trim().max(200),
  icon: z.string().trim().min(1).max(8),
  pointsPrice: positive(1_000_000),
  limitPerHousehold: positive(1000).nullable(),
  limitPeriod: z.enum(LIMIT_PERIODS),
  onShelf: z.boolean(),
};

export const createItemBody = z.object({
  ...itemFields,
  description: itemFields.description.default(''),
  icon: itemFields.icon.default('🎁'),
  stock: z.number().int().min(0).max(100_000),
  limitPerHousehold: itemFields.limitPerHousehold.default(null),
  limitPeriod: itemFields.limitPeriod.default('month'),
  onShelf: itemFields.onShelf.default(true),
});

// no defaults here: a change names only what changes (with createItemBody.partial(), zod filled the
// defaults in, and taking an item off the shelf wiped its per-household limit, icon and description)
export const updateItemBody = z
  .object(itemFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const restockBody = z.object({ quantity: positive(100_000) });

export const redeemBody = z.object({
  itemId: id,
  quantity: positive(SHOP_LIMITS.quantity).default(1),
});

export const listRedemptionsQuery = z.object({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  /** Staff at the counter: the one redemption with this code. */
  pickupCode: pickupCode.optional(),
  ...pageQuery(100, 30),
});

export const handOverBody = z.object({ pickupCode });

// ---- answers -------------------------------------------------------------------

export const shopItem = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    icon: z.string(),
    pointsPrice: z.number().int(),
    /** On the shelf, not reserved. */
    stock: z.number().int(),
    limitPerHousehold: z.number().int().nullable(),
    limitPeriod: z.enum(LIMIT_PERIODS),
    onShelf: z.boolean(),
    /** In the list, for a viewer with a household: how many more it may take this period (null: no limit). */
    limitLeft: z.number().int().nullable().optional(),
  })
  .meta({ id: 'ShopItem' });

export const shopItemList = z.array(shopItem);

export const redemption = z
  .object({
    id: z.string(),
    item: z.object({ id: z.string(), name: z.string(), icon: z.string() }),
    quantity: z.number().int(),
    points: z.number().int(),
    status: z.enum(REDEMPTION_STATUSES),
    /** Six digits the resident shows or reads out at the shop (核销). */
    pickupCode: z.string(),
    household: z.object({ id: z.string(), building: z.string(), room: z.string() }),
    createdAt: isoDate,
    handedOverAt: isoDate.nullable(),
    cancelledAt: isoDate.nullable(),
  })
  .meta({ id: 'Redemption' });

export const redemptionPage = paged(redemption);

export type CreateItemBody = z.infer<typeof createItemBody>;
export type UpdateItemBody = z.infer<typeof updateItemBody>;
export type RedeemBody = z.infer<typeof redeemBody>;
export type ListRedemptionsQuery = z.infer<typeof listRedemptionsQuery>;
