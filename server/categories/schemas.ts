import { z } from 'zod';
import { ORDER_LIMITS } from '../../shared/limits.js';
import { auditEntry } from '../audit/index.js';
import { id } from '../http/fields.js';

/** A kind of request residents can raise, with its service-level deadlines. */
export const serviceCategory = z
  .object({
    code: z.string(),
    name: z.string(),
    /** An emoji the mini-program shows large. */
    icon: z.string(),
    /** To be claimed by a grid worker within. */
    responseMinutes: z.number().int(),
    /** To be resolved within. */
    resolveMinutes: z.number().int(),
  })
  .meta({ id: 'ServiceCategory' });

export const categoryList = z.array(serviceCategory);

// ---- 常用回复 (./stockReplies.ts) ----------------------------------------------------

const purpose = z.enum(['ask', 'resolve']);

export const stockRepliesQuery = z.object({
  /** An administrator of several communities names one; left out, the viewer's own. */
  communityId: id.optional(),
  /** A category code: its replies and those for every category. */
  category: z.string().trim().min(1).max(40).optional(),
  /** ask: questions for 待补充 · resolve: what was done */
  purpose: purpose.optional(),
});

export const newStockReplyBody = z.object({
  communityId: id.optional(),
  /** A category code; left out: offered for every category */
  category: z.string().trim().min(1).max(40).nullable().optional(),
  purpose,
  text: z.string().trim().min(2, 'write the reply').max(ORDER_LIMITS.stockReply),
  sort: z.number().int().min(0).max(1000).default(0),
});

export const stockReplyPatch = z
  .object({
    category: z.string().trim().min(1).max(40).nullable().optional(),
    purpose: purpose.optional(),
    text: z.string().trim().min(2, 'write the reply').max(ORDER_LIMITS.stockReply).optional(),
    sort: z.number().int().min(0).max(1000).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'change at least one field' });

export const stockReply = z
  .object({ id: z.string(), category: z.string().nullable(), purpose, text: z.string(), sort: z.number().int() })
  .meta({ id: 'StockReply' });
export const stockReplyList = z.array(stockReply);

export type StockRepliesQuery = z.infer<typeof stockRepliesQuery>;
export type NewStockReplyBody = z.infer<typeof newStockReplyBody>;
export type StockReplyPatch = z.infer<typeof stockReplyPatch>;

// ---- 社区设置: the categories as their administrators edit them (./manageCategories.ts) ----

/** Deadlines within reason: a worker cannot claim in under 5 minutes, and nothing waits more than 30 days. */
export const CATEGORY_BOUNDS = {
  responseMinutes: { min: 5, max: 3 * 1440 },
  resolveMinutes: { min: 30, max: 30 * 1440 },
  name: { max: 12 },
} as const;

/** One emoji (with its modifiers and joiners), as the mini-program's category grid shows it large. */
const EMOJI = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\uFE0F|\u200D|\u20E3)+$/u;
const icon = z
  .string()
  .trim()
  .min(1, 'pick an icon')
  .max(16, 'one emoji')
  .refine((s) => EMOJI.test(s) && /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(s), 'must be an emoji, such as 🔧');
const name = z
  .string()
  .trim()
  .min(1, 'write a name')
  .max(CATEGORY_BOUNDS.name.max, `at most ${CATEGORY_BOUNDS.name.max} characters`)
  // a name is recorded in the audit log, which holds no phone or ID numbers
  .refine((s) => !/\d{11,}/.test(s), 'no phone numbers in a name');
const minutes = (b: { min: number; max: number }) =>
  z.number({ error: 'a number of minutes' }).int('whole minutes').min(b.min, `at least ${b.min} minutes`).max(b.max, `at most ${b.max} minutes`);

/** Which community's settings: left out, the viewer's own. */
export const settingsQuery = z.object({ communityId: id.optional() });

export const newCategoryBody = z.object({
  communityId: id.optional(),
  /** The stable code apps and Open311 use (service_code); left out, one is made. */
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,29}$/, 'lower-case letters, digits and _, such as water_leak').optional(),
  name,
  icon,
  responseMinutes: minutes(CATEGORY_BOUNDS.responseMinutes),
  resolveMinutes: minutes(CATEGORY_BOUNDS.resolveMinutes),
  emergency: z.boolean().default(false),
});

export const categoryPatch = z
  .object({
    name: name.optional(),
    icon: icon.optional(),
    responseMinutes: minutes(CATEGORY_BOUNDS.responseMinutes).optional(),
    resolveMinutes: minutes(CATEGORY_BOUNDS.resolveMinutes).optional(),
    emergency: z.boolean().optional(),
    /** Off: residents no longer see it; its orders keep it. */
    active: z.boolean().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'change at least one field' });

export const categoryOrderBody = z.object({
  communityId: id.optional(),
  /** Every category of the community (but 信息更正), in the new order. */
  ids: z.array(id).min(1, 'list the categories').max(100),
});

export const managedCategory = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    icon: z.string(),
    responseMinutes: z.number().int(),
    resolveMinutes: z.number().int(),
    emergency: z.boolean(),
    active: z.boolean(),
    sort: z.number().int(),
    /** Orders filed in it: a category with orders is switched off, never removed. */
    orders: z.number().int(),
  })
  .meta({ id: 'ManagedServiceCategory' });

export const managedCategoryList = z.object({
  communityId: z.string(),
  /** Whether the viewer may change them (the community's administrators). */
  editable: z.boolean(),
  items: z.array(managedCategory),
});

export const historyQuery = z.object({
  communityId: id.optional(),
  /** category · stock_reply · notice_automation · order_settings; left out, all four */
  target: z.enum(['category', 'stock_reply', 'notice_automation', 'order_settings']).optional(),
  /** one category's or reply's entries */
  targetId: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const settingsHistory = z.object({ items: z.array(auditEntry) });

export const stockReplyOrderBody = z.object({
  communityId: id.optional(),
  /** The replies in their new order (of one category and purpose, as the console shows them). */
  ids: z.array(id).min(1, 'list the replies').max(200),
});

export type NewCategoryBody = z.infer<typeof newCategoryBody>;
export type CategoryPatch = z.infer<typeof categoryPatch>;
export type CategoryOrderBody = z.infer<typeof categoryOrderBody>;
export type HistoryQuery = z.infer<typeof historyQuery>;
export type StockReplyOrderBody = z.infer<typeof stockReplyOrderBody>;
export type ManagedCategory = z.infer<typeof managedCategory>;
export type ManagedCategoryList = z.infer<typeof managedCategoryList>;
