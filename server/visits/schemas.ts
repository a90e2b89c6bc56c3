import { z } from 'zod';
import { id, isoDate } from '../http/fields.js';
import { TAG_KINDS } from './rules.js';

export const MET = ['head', 'family', 'nobody'] as const;
export const WELLBEING = ['good', 'fair', 'needs_help'] as const;
export const BUCKETS = ['overdue', 'today', 'week', 'later'] as const;

const tagKind = z.enum(TAG_KINDS as [string, ...string[]]);
const interval = z.number().int().min(1, 'at least every day').max(366, 'at most once a year');

export const dueQuery = z.object({
  /** Staff: one grid of their community; a worker: one of their grids. Default: every household the viewer visits. */
  gridId: id.optional(),
});

export const communityQuery = z.object({ communityId: id.optional() });

export const coverageQuery = z.object({
  /** YYYY-MM, China time; default this month */
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, e.g. 2026-12').optional(),
  communityId: id.optional(),
});

/** One household on a due list, as the viewer may see it. */
export const dueItem = z.object({
  householdId: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  buildingId: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  floor: z.number().int(),
  /** the 户主 (or the first member): absent where the viewer may not see names */
  headName: z.string().optional(),
  /** the 七彩 tags it is watched for, by name: only those the viewer's role may see */
  watchedFor: z.array(z.string()),
  intervalDays: z.number().int(),
  overridden: z.boolean(),
  dueOn: z.string(),
  bucket: z.enum(BUCKETS),
  overdueDays: z.number().int(),
  lastVisitedAt: isoDate.nullable(),
  /** the last attempt found nobody home after the last completed visit */
  lastTriedAt: isoDate.nullable(),
  paired: z.boolean(),
});

export const dueAnswer = z.object({
  today: z.string(),
  counts: z.object({ overdue: z.number().int(), today: z.number().int(), week: z.number().int() }),
  items: z.array(dueItem),
});

export const orderFromVisit = z.object({
  /** a category code of the community (水电维修 repair, 老人儿童关爱 care …) */
  category: z.string().trim().min(1, 'required').max(40),
  /** default: the needs found */
  description: z.string().trim().max(500).optional(),
  urgency: z.enum(['normal', 'emergency']).default('normal'),
});

export const recordVisitBody = z
  .object({
    householdId: id,
    met: z.enum(MET),
    wellbeing: z.enum(WELLBEING).optional(),
    note: z.string().trim().max(500).optional(),
    /** an upload id of the visitor's own photo */
    photo: id.optional(),
    needs: z.string().trim().max(500).optional(),
    /** "need → order": file an order on the household's behalf (代报) */
    order: orderFromVisit.optional(),
  })
  .refine((b) => b.met === 'nobody' || b.wellbeing !== undefined, { path: ['wellbeing'], message: 'say how they are (good, fair or needs_help)' });
export type RecordVisitBody = z.infer<typeof recordVisitBody>;

export const visit = z.object({
  id: z.string(),
  householdId: z.string(),
  visitedAt: isoDate,
  visitor: z.object({ id: z.string(), name: z.string() }),
  met: z.enum(MET),
  wellbeing: z.enum(WELLBEING).nullable(),
  completed: z.boolean(),
  note: z.string().nullable(),
  needs: z.string().nullable(),
  photoUrl: z.string().nullable(),
  orderId: z.string().nullable(),
});

export const recordVisitAnswer = z.object({ visit, dueOn: z.string().nullable() });

export const householdVisits = z.object({
  household: dueItem.omit({ intervalDays: true, dueOn: true, bucket: true }).extend({
    intervalDays: z.number().int().nullable(),
    dueOn: z.string().nullable(),
    bucket: z.enum(BUCKETS).nullable(),
  }),
  visits: z.array(visit),
});

const figures = z.object({
  /** households visited on a schedule */
  watched: z.number().int(),
  /** due during the period */
  due: z.number().int(),
  /** visited (someone met) in the period on or before the day they were due */
  onTime: z.number().int(),
  /** visited in the period, after their due day */
  late: z.number().int(),
  /** due before today and not visited since: overdue now */
  overdue: z.number().int(),
  /** due later in the period, not visited yet */
  pending: z.number().int(),
  /** onTime / due, 0 to 1 (1 when nothing was due) */
  rate: z.number(),
});

export const coverageAnswer = z.object({
  communityId: z.string(),
  month: z.string(),
  today: z.string(),
  grids: z.array(figures.extend({ gridId: z.string(), gridName: z.string(), workers: z.array(z.string()) })),
  total: figures,
});

export const overdueAnswer = z.object({ today: z.string(), items: z.array(dueItem) });

export const ruleItem = z.object({ tag: tagKind, label: z.string(), intervalDays: z.number().int().nullable(), defaultDays: z.number().int().nullable() });
export const rulesAnswer = z.object({
  communityId: z.string(),
  rules: z.array(ruleItem),
  overrides: z.array(
    z.object({ householdId: z.string(), building: z.string(), unit: z.string(), room: z.string(), intervalDays: z.number().int().nullable(), note: z.string().nullable(), updatedAt: isoDate }),
  ),
});
export const tagParams = z.object({ tag: tagKind });
export const setRuleBody = z.object({ intervalDays: interval.nullable(), communityId: id.optional() });
export const householdParams = z.object({ householdId: id });
export const setOverrideBody = z.object({ intervalDays: interval.nullable(), note: z.string().trim().max(200).optional() });
export const overrideAnswer = z.object({ householdId: z.string(), intervalDays: z.number().int().nullable(), note: z.string().nullable(), dueOn: z.string().nullable() });

export const pairing = z.object({
  id: z.string(),
  householdId: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  createdAt: isoDate,
});
export const pairingsAnswer = z.object({
  communityId: z.string(),
  items: z.array(pairing),
  /** who may be paired: the community's staff and 党组织 accounts */
  people: z.array(z.object({ id: z.string(), name: z.string() })),
});
export const pairBody = z.object({ householdId: id, userId: id });

/** 走访记录 export: a month's visits of one grid, or of the community (staff). */
export const exportVisitsQuery = z.object({
  /** YYYY-MM, China time */
  month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'a month, e.g. 2026-12'),
  /** one grid (its worker, or staff of its community); left out: the whole community (staff) */
  gridId: id.optional(),
  /** an administrator of several communities names one */
  communityId: id.optional(),
});
export type ExportVisitsQuery = z.infer<typeof exportVisitsQuery>;
