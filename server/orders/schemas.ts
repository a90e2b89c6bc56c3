import { z } from 'zod';
import { ORDER_LIMITS } from '../../shared/limits.js';
import { bool, id, isoDate, paged, personRef } from '../http/fields.js';
import { dateTime } from '../http/dates.js';
import { pageQuery } from '../http/paging.js';

const photos = z.array(id).max(ORDER_LIMITS.photos, `at most ${ORDER_LIMITS.photos} photos`).default([]);
export const orderIdParams = z.object({ id });

export const submitOrderBody = z.object({
  category: z.string().trim().min(1, 'required').max(40),
  /** Optional: the mini-program derives one from the category and description when left out. */
  title: z.string().trim().min(1, 'must not be empty').max(60).optional(),
  description: z.string().trim().min(ORDER_LIMITS.description.min, 'say a few words about the problem').max(ORDER_LIMITS.description.max),
  urgency: z.enum(['normal', 'emergency']).default('normal'),
  photos,
  /** A resident id: a building head, grid worker or staff member filing for someone else. */
  onBehalfOf: id.optional(),
});

export const dispatchOrderBody = z.object({
  /** Defaults to the suggested grid worker. */
  assigneeId: id.optional(),
  note: z.string().trim().max(ORDER_LIMITS.dispatchNote).optional(),
});

export const claimOrderBody = z.object({ note: z.string().trim().max(500).optional() });

export const resolveOrderBody = z.object({
  note: z.string().trim().min(ORDER_LIMITS.resolveNote.min, 'say what was done').max(ORDER_LIMITS.resolveNote.max),
  photos,
});

export const feedbackBody = z.object({
  satisfied: z.boolean(),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(ORDER_LIMITS.feedbackComment).optional(),
});

export const reviewBody = z.object({
  verdict: z.enum(['pass', 'fail']),
  comment: z.string().trim().min(1, 'required').max(ORDER_LIMITS.reviewComment),
});

export const cancelBody = z.object({ reason: z.string().trim().max(500).optional() });

export const ORDER_STATUSES = ['submitted', 'dispatched', 'accepted', 'resolved', 'reopened', 'closed', 'cancelled', 'awaiting_info', 'merged'] as const;

/** What the order list, its Excel export and the console's filters narrow by (all ANDed). */
const orderFilters = {
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
  gridId: id.optional(),
  buildingId: id.optional(),
  /** A category code (GET /api/categories). */
  category: z.string().trim().min(1).max(40).optional(),
  /** Words in the title or description. */
  q: z.string().trim().min(1, 'must not be empty').max(60).optional(),
  /** Filed at or after this instant. */
  from: dateTime().optional(),
  /** Filed before this instant. */
  to: dateTime().optional(),
};

const fromBeforeTo = (q: { from?: Date | undefined; to?: Date | undefined }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
};

export const listOrdersQuery = z.object({ ...orderFilters, ...pageQuery(100, 20) }).superRefine(fromBeforeTo);

/** The export takes the list's filters; at most EXPORT_MAX_ORDERS rows, else narrow the filter. */
export const exportOrdersQuery = z.object(orderFilters).superRefine(fromBeforeTo);
export const EXPORT_MAX_ORDERS = 10_000;

/** 批量派单: the same dispatch for each order, each checked on its own. */
export const bulkDispatchBody = z.object({
  orderIds: z
    .array(id)
    .min(1, 'pick at least one order')
    .max(100, 'at most 100 orders at once')
    .refine((ids) => new Set(ids).size === ids.length, 'an order is listed twice'),
  /** Defaults, per order, to its suggested grid worker. */
  assigneeId: id.optional(),
  note: z.string().trim().max(ORDER_LIMITS.dispatchNote).optional(),
});

export const orderStatsQuery = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) });

/** 四单月报: a month as the communities count it (China time), of the viewer's community or one they oversee. */
export const monthlyReportQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11'),
  communityId: id.optional(),
});
export type MonthlyReportQuery = z.output<typeof monthlyReportQuery>;

// ---- answers -------------------------------------------------------------------

const status = z.enum(ORDER_STATUSES);
const urgency = z.enum(['normal', 'emergency']);
const photo = z.object({
  id: z.string(),
  url: z.string(),
  /** WeChat's content check found it risky: shown to community staff only, marked */
  flagged: z.literal(true).optional(),
});

/** An order in a list: what every role in scope sees, the resident's phone only for whoever acts on it. */
export const orderSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.object({ code: z.string(), name: z.string(), icon: z.string() }),
    urgency,
    status,
    building: z.object({ id: z.string(), name: z.string() }),
    room: z.string(),
    resident: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable().optional() }),
    filedBy: personRef.nullable(),
    filedOnBehalf: z.boolean(),
    assignee: personRef.nullable(),
    suggestedAssignee: personRef.nullable(),
    createdAt: isoDate,
    responseDueAt: isoDate,
    resolveDueAt: isoDate,
    dispatchedAt: isoDate.nullable(),
    claimedAt: isoDate.nullable(),
    resolvedAt: isoDate.nullable(),
    closedAt: isoDate.nullable(),
    overdue: z.object({
      response: z.boolean(),
      resolution: z.boolean(),
      /** an emergency still unclaimed 20 minutes in: escalated a second time, to the community's leaders */
      secondAlert: z.boolean(),
      /** resolved and waiting for the party branch's review (评单) past its deadline */
      review: z.boolean(),
    }),
    feedback: z.object({ satisfied: z.boolean(), rating: z.number().int().nullable() }).nullable(),
    reopenCount: z.number().int(),
  })
  .meta({ id: 'OrderSummary' });

export const timelineEntry = z.object({
  id: z.string(),
  action: z.enum(['submit', 'dispatch', 'claim', 'resolve', 'feedback', 'review_pass', 'review_fail', 'cancel', 'escalate', 'reopen', 'comment', 'ask', 'answer', 'join', 'merge']),
  from: status.nullable(),
  to: status,
  actor: personRef.nullable(),
  note: z.string().nullable(),
  rating: z.number().int().nullable().optional(),
  satisfied: z.boolean().nullable().optional(),
  assigneeId: z.string().optional(),
  photos: z.array(photo),
  at: isoDate,
});

/** One order with its description and timeline (photos as signed URLs). */
export const orderDetail = orderSummary
  .extend({
    description: z.string(),
    timeline: z.array(timelineEntry),
    /** 待补充: since when the deadlines are paused (they move on by the time paused when the resident answers) */
    pausedAt: isoDate.nullable(),
    /** Other households that reported the same thing (joined, or their duplicate was merged in): "N 户也反映了" */
    joined: z.number().int(),
    /** merged: the order this duplicate was merged into */
    mergedInto: z.string().nullable(),
  })
  .meta({ id: 'OrderDetail' });

export const orderPage = paged(orderSummary);

/** The places the viewer's orders are in, for the console's filters. */
export const orderPlacesAnswer = z.object({
  grids: z.array(z.object({ id: z.string(), name: z.string() })),
  buildings: z.array(z.object({ id: z.string(), name: z.string(), gridId: z.string() })),
});

/** One order of a bulk dispatch: dispatched (with its new state), or why not. */
export const bulkDispatchAnswer = z.object({
  dispatched: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.discriminatedUnion('ok', [
      z.object({ orderId: z.string(), ok: z.literal(true), order: orderSummary }),
      z.object({ orderId: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});

const summaryFigures = z.object({
  orders: z.number().int(),
  emergencies: z.number().int(),
  overdueNow: z.number().int(),
  minutesToClaim: z.object({ mean: z.number().nullable(), median: z.number().nullable() }),
  minutesToResolve: z.object({ mean: z.number().nullable(), median: z.number().nullable() }),
  claimedInTime: z.number().nullable(),
  rated: z.number().int(),
  averageRating: z.number().nullable(),
  satisfiedShare: z.number().nullable(),
});

export const orderStatsAnswer = z.object({
  days: z.number().int(),
  since: isoDate,
  byStatus: z.record(status, z.number().int()),
  /** each local day of the window, oldest first: orders filed that day by where they are now, and how many of the window’s orders were resolved that day */
  byDay: z.array(z.object({ date: z.string(), filed: z.record(status, z.number().int()), resolved: z.number().int() })),
  community: summaryFigures,
  grids: z.array(summaryFigures.extend({ id: z.string(), name: z.string() })),
});

// ---- the conversation, duplicates (server/orders/conversation.ts, duplicates.ts) ----------

/** A message on an order, with photos: text, photos or both. */
export const orderUpdateBody = z
  .object({
    text: z.string().trim().max(ORDER_LIMITS.updateText, `at most ${ORDER_LIMITS.updateText} characters`).default(''),
    photos,
  })
  .refine((b) => b.text.length > 0 || b.photos.length > 0, { path: ['text'], message: 'say something or add a photo' });

/** 待补充: what the worker needs from the resident. */
export const askBody = z.object({
  question: z.string().trim().min(2, 'say what you need to know').max(ORDER_LIMITS.updateText),
  photos,
});

export const mergeBody = z.object({
  /** The original: the order this one duplicates. */
  into: id,
  note: z.string().trim().max(200).optional(),
});

/** 是不是这件事？ Filed orders like the one about to be filed. */
export const similarOrdersQuery = z.object({
  category: z.string().trim().min(1, 'required').max(40),
  description: z.string().trim().min(2, 'say a few words about the problem').max(ORDER_LIMITS.description.max),
  /** Filing for a resident: compare with their building's orders. */
  onBehalfOf: id.optional(),
});

/**
 * What anyone offered, or following, an order of another household sees of it: what
 * the order is about and how far it has got. No name, room, phone, description,
 * photos or conversation (docs/domains.md, "Duplicates").
 */
export const orderBrief = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.object({ code: z.string(), name: z.string(), icon: z.string() }),
    building: z.object({ id: z.string(), name: z.string() }),
    status,
    createdAt: isoDate,
    updatedAt: isoDate,
    /** other households that reported the same thing */
    joined: z.number().int(),
    /** the viewer's own household's order (or one they filed): nothing to join, open it instead */
    yours: z.boolean(),
    /** the viewer's household already joined it */
    joinedByMe: z.boolean(),
    mergedInto: z.string().nullable(),
    /** the steps it went through (no notes, people or photos) */
    steps: z.array(z.object({ action: timelineEntry.shape.action, to: status, at: isoDate })),
  })
  .meta({ id: 'OrderBrief' });

export const similarOrdersAnswer = z.array(orderBrief.omit({ steps: true }).extend({ similarity: z.number() }));

export type OrderUpdateBody = z.infer<typeof orderUpdateBody>;
export type AskBody = z.infer<typeof askBody>;
export type MergeBody = z.infer<typeof mergeBody>;
export type SimilarOrdersQuery = z.infer<typeof similarOrdersQuery>;

export type SubmitOrderBody = z.infer<typeof submitOrderBody>;
export type DispatchOrderBody = z.infer<typeof dispatchOrderBody>;
export type ResolveOrderBody = z.infer<typeof resolveOrderBody>;
export type FeedbackBody = z.infer<typeof feedbackBody>;
export type ReviewBody = z.infer<typeof reviewBody>;
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;
export type ExportOrdersQuery = z.infer<typeof exportOrdersQuery>;
export type BulkDispatchBody = z.infer<typeof bulkDispatchBody>;
export type OrderStatusName = (typeof ORDER_STATUSES)[number];
