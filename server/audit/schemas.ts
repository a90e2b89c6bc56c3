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

export const auditFilter = z.object({
  /** who made the change (a user id) */
  actorId: id.optional(),
  /** what was done (`role.assign` …; GET /api/audit/actions lists them) */
  action: z.string().trim().regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, 'must be an action such as role.assign').max(60).optional(),
  /** one community's entries */
  communityId: id.optional(),
  /** entries at or after this */
  from: when.optional(),
  /** entries before this (a day: up to its midnight, so `to=2026-12-05` ends as that day begins) */
  to: when.optional(),
});

export const listAuditQuery = auditFilter.extend(pageQuery(200, 50));

const place = z.object({ id: z.string(), name: z.string() }).nullable();

export const auditEntry = z
  .object({
    id: z.string(),
    at: isoDate,
    /** who made the change (their name now) */
    actor: personRef,
    action: z.string(),
    /** the action in the console's words (新建社区, 撤销角色 …) */
    actionLabel: z.string(),
    target: z.object({ type: z.string(), typeLabel: z.string(), id: z.string(), name: z.string().nullable() }),
    community: place,
    region: place,
    /** the changed fields before and after; never personal fields */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    /** the same, field by field with the field's words (名称, 角色 …) */
    changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() })),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPage = paged(auditEntry);

export const auditActions = z.object({ items: z.array(z.object({ action: z.string(), label: z.string() })) });

export type AuditFilter = z.infer<typeof auditFilter>;
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
