import { z } from 'zod';
import { id, isoDate, paged, personRef } from '../http/fields.js';
import { pageQuery } from '../http/paging.js';

/** A day (`2026-12-05`, from midnight China time) or an instant (`2026-12-05T08:00:00Z`), within 1900–2199. */
const when = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)), 'must be a date (2026-12-05) or an ISO 8601 date and time')
  .transform((s) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00+08:00` : s))
  .refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1900 && d.getUTCFullYear() < 2200, 'must be a real date between the years 1900 and 2199');

export const accessLogFilter = z.object({
  /** who revealed (a user id) */
  actorId: id.optional(),
  /** whose field (a resident id) */
  residentId: id.optional(),
  /** entries at or after this */
  from: when.optional(),
  /** entries before this (a day: up to its midnight, so `to=2026-12-05` ends as that day begins) */
  to: when.optional(),
});

export const listAccessLogQuery = accessLogFilter.extend(pageQuery(200, 50));

export const accessLogEntry = z
  .object({
    id: z.string(),
    at: isoDate,
    /** who revealed it */
    actor: personRef,
    /** whose it was (their name now: a resident who left reads 已迁出居民) */
    resident: personRef,
    communityId: z.string(),
    /** which field: `idNumber` */
    field: z.string(),
    reason: z.string(),
    /** the request's X-Request-Id, to find it in the server's logs */
    requestId: z.string(),
  })
  .meta({ id: 'AccessLogEntry' });

export const accessLogPage = paged(accessLogEntry);

export type AccessLogFilter = z.infer<typeof accessLogFilter>;
export type ListAccessLogQuery = z.infer<typeof listAccessLogQuery>;
