import { z } from 'zod';
import { ORDER_LIMITS } from '../../shared/limits.js';

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
  /** A category code: its replies and those for every category. */
  category: z.string().trim().min(1).max(40).optional(),
  /** ask: questions for 待补充 · resolve: what was done */
  purpose: purpose.optional(),
});

export const newStockReplyBody = z.object({
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
