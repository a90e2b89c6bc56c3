// The 评单 deadline setting's requests and answers (server/orders/reviewDeadline.ts).
import { z } from 'zod';
import { auditEntry } from '../audit/index.js';
import { id } from '../http/fields.js';
import { REVIEW_DEADLINE_DAYS, REVIEW_DEADLINE_MAX_DAYS, REVIEW_DEADLINE_MIN_DAYS } from './sla.js';

export const reviewDeadlineQuery = z.object({
  /** An administrator of several communities names one; staff may leave it out (their own). */
  communityId: id.optional(),
});

export const reviewDeadlineBody = z.object({
  communityId: id.optional(),
  /** Days from an order's resolution to its 党组织评单 before it is escalated. */
  reviewDeadlineDays: z.number().int('whole days').min(REVIEW_DEADLINE_MIN_DAYS).max(REVIEW_DEADLINE_MAX_DAYS),
});

export const reviewDeadlineAnswer = z.object({
  communityId: z.string(),
  reviewDeadlineDays: z.number().int(),
  /** The value when the community sets none. */
  defaultDays: z.number().int(),
  minDays: z.number().int(),
  maxDays: z.number().int(),
  /** Whether the viewer may change it (the community's administrators). */
  editable: z.boolean(),
  /** Its changes, newest first (the audit log). */
  history: z.array(auditEntry),
});

export type ReviewDeadlineQuery = z.infer<typeof reviewDeadlineQuery>;
export type ReviewDeadlineBody = z.infer<typeof reviewDeadlineBody>;
export const REVIEW_DEADLINE_DEFAULTS = { defaultDays: REVIEW_DEADLINE_DAYS, minDays: REVIEW_DEADLINE_MIN_DAYS, maxDays: REVIEW_DEADLINE_MAX_DAYS };
