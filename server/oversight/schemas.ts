import { z } from 'zod';
import { id } from '../http/fields.js';

/** 2026-11: a month, China time; the current month when absent. */
const month = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-11')
  .refine((s) => Number(s.slice(0, 4)) >= 1900 && Number(s.slice(0, 4)) < 2200, 'must be between the years 1900 and 2199');

export const SORT_KEYS = [
  'score', 'name', 'orders', 'overdue', 'onTimeShare', 'minutesToClaim', 'minutesToResolve', 'satisfiedShare',
  'employmentRate', 'zeroEmploymentHouseholds', 'pointsIssued', 'pointsRedeemed',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const compareQuery = z.object({
  month: month.optional(),
  /** only the communities under this 县 or 街道 (within the viewer's) */
  regionId: id.optional(),
  /** the column the rows are ordered by (the rank is always by 综合得分) */
  sort: z.enum(SORT_KEYS).default('score'),
  order: z.enum(['asc', 'desc']).optional(),
});
export type CompareQuery = z.infer<typeof compareQuery>;

export const drillDownQuery = z.object({ month: month.optional() });

// ---- answers -------------------------------------------------------------------

const share = z.number().nullable();
const stat = z.object({ mean: z.number().nullable(), median: z.number().nullable() });

export const orderFigures = z
  .object({
    orders: z.number().int(),
    emergencies: z.number().int(),
    cancelled: z.number().int(),
    resolved: z.number().int(),
    overdue: z.number().int(),
    onTimeShare: share,
    minutesToClaim: stat,
    minutesToResolve: stat,
    rated: z.number().int(),
    averageRating: z.number().nullable(),
    satisfiedShare: share,
  })
  .meta({ id: 'OversightOrderFigures' });

export const employmentFigures = z
  .object({
    households: z.number().int(),
    labourHouseholds: z.number().int(),
    labour: z.number().int(),
    employed: z.number().int(),
    employmentRate: share,
    employedPerLabourHousehold: z.number().nullable(),
    zeroEmploymentHouseholds: z.number().int(),
  })
  .meta({ id: 'OversightEmploymentFigures' });

export const pointsFigures = z.object({ issued: z.number().int(), redeemed: z.number().int() }).meta({ id: 'OversightPointsFigures' });

const place = z.object({ id: z.string(), name: z.string() }).nullable();

export const communityRow = z
  .object({
    id: z.string(),
    name: z.string(),
    street: place,
    county: place,
    orders: orderFigures,
    employment: employmentFigures,
    points: pointsFigures,
    /** 综合得分 0–100: the mean of 按时率, 满意率 and 就业率 that exist (docs/domains.md) */
    score: z.number().nullable(),
    /** 通报 rank by score, 1 the best; communities without a score last */
    rank: z.number().int(),
  })
  .meta({ id: 'OversightCommunity' });

export const compareAnswer = z.object({
  month: z.string(),
  items: z.array(communityRow),
  totals: z.object({
    communities: z.number().int(),
    orders: z.number().int(),
    overdue: z.number().int(),
    labour: z.number().int(),
    employed: z.number().int(),
    employmentRate: share,
    zeroEmploymentHouseholds: z.number().int(),
    pointsIssued: z.number().int(),
    pointsRedeemed: z.number().int(),
  }),
});

export const drillDownAnswer = z.object({
  month: z.string(),
  community: z.object({ id: z.string(), name: z.string(), estate: z.string(), street: place, county: place }),
  orders: orderFigures,
  employment: employmentFigures,
  points: pointsFigures,
  grids: z.array(z.object({ id: z.string(), name: z.string(), orders: orderFigures, employment: employmentFigures })),
  /** the six months up to this one, oldest first */
  trend: z.array(z.object({ month: z.string(), orders: z.number().int(), overdue: z.number().int(), satisfiedShare: share, pointsIssued: z.number().int(), pointsRedeemed: z.number().int() })),
});
