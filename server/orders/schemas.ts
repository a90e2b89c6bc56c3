import { z } from 'zod';
import { pageQuery } from '../http/paging.js';

export const MAX_PHOTOS = 6;

const id = z.string().trim().min(1, 'required').max(40);
const photos = z.array(id).max(MAX_PHOTOS, `at most ${MAX_PHOTOS} photos`).default([]);
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);

export const orderIdParams = z.object({ id });

export const submitOrderBody = z.object({
  category: z.string().trim().min(1, 'required').max(40),
  /** Optional: the mini-program derives one from the category and description when left out. */
  title: z.string().trim().min(1, 'must not be empty').max(60).optional(),
  description: z.string().trim().min(2, 'say a few words about the problem').max(2000),
  urgency: z.enum(['normal', 'emergency']).default('normal'),
  photos,
  /** A resident id: a building head, grid worker or staff member filing for someone else. */
  onBehalfOf: id.optional(),
});

export const dispatchOrderBody = z.object({
  /** Defaults to the suggested grid worker. */
  assigneeId: id.optional(),
  note: z.string().trim().max(500).optional(),
});

export const claimOrderBody = z.object({ note: z.string().trim().max(500).optional() });

export const resolveOrderBody = z.object({
  note: z.string().trim().min(2, 'say what was done').max(2000),
  photos,
});

export const feedbackBody = z.object({
  satisfied: z.boolean(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});

export const reviewBody = z.object({
  verdict: z.enum(['pass', 'fail']),
  comment: z.string().trim().min(1, 'required').max(1000),
});

export const cancelBody = z.object({ reason: z.string().trim().max(500).optional() });

export const ORDER_STATUSES = ['submitted', 'dispatched', 'accepted', 'resolved', 'reopened', 'closed', 'cancelled'] as const;

export const listOrdersQuery = z.object({
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(ORDER_STATUSES)).min(1))
    .optional(),
  urgency: z.enum(['normal', 'emergency']).optional(),
  /** Only orders past a service-level deadline. */
  overdue: bool.optional(),
  /** Only orders assigned to the signed-in grid worker. */
  mine: bool.optional(),
  ...pageQuery(100, 20),
});

export const orderStatsQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

export type SubmitOrderBody = z.infer<typeof submitOrderBody>;
export type DispatchOrderBody = z.infer<typeof dispatchOrderBody>;
export type ResolveOrderBody = z.infer<typeof resolveOrderBody>;
export type FeedbackBody = z.infer<typeof feedbackBody>;
export type ReviewBody = z.infer<typeof reviewBody>;
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;
export type OrderStatusName = (typeof ORDER_STATUSES)[number];
