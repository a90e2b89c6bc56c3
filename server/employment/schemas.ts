import { z } from 'zod';
import { EMPLOYMENT_STATUSES } from '../../shared/words.js';
import { dateTime } from '../http/dates.js';
import { bool, id, isoDate } from '../http/fields.js';
import { TRADE_CODES } from './trades.js';

/** A trade code (welding, cooking …): postings, courses and the ledger name trades with these. */
export const tradeCode = z.enum(TRADE_CODES);
/** The trades a posting needs or a person wants, in a request. */
export const tradeCodes = z.array(tradeCode).max(10).default([]);

// client/api/types.ts reads the statuses from here
export { EMPLOYMENT_STATUSES };

export const recordStatusBody = z.object({
  status: z.enum(EMPLOYMENT_STATUSES),
  employer: z.string().trim().max(60).nullable().optional(),
  since: dateTime().nullable().optional(),
  trades: tradeCodes,
  note: z.string().trim().max(200).nullable().optional(),
});

export const householdsQuery = z.object({
  /** Only 零就业家庭: households with working-age members and nobody in work. */
  zeroEmployment: bool.optional(),
  gridId: id.optional(),
  buildingId: id.optional(),
  /** Households with a member whose current situation is this. */
  status: z.enum(EMPLOYMENT_STATUSES).optional(),
  /** A room number, or part of one (30 finds 301, 302, 1302…). */
  room: z.string().trim().regex(/^[0-9A-Za-z-]{1,20}$/, 'digits and letters, like 302').optional(),
  /** Households to skip: the console's pages (in list order: building, unit, room). */
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const importQuery = z.object({
  /** Check the sheet and count what it would change, writing nothing (the console's preview). */
  dryRun: bool.optional(),
});

// ---- answers -------------------------------------------------------------------

const status = z.enum(EMPLOYMENT_STATUSES);

/** One entry of a person's history; the newest is the current one. */
export const employmentRecord = z
  .object({
    id: z.string(),
    status,
    statusLabel: z.string(),
    employer: z.string().nullable(),
    since: isoDate.nullable(),
    trades: z.array(tradeCode),
    note: z.string().nullable(),
    current: z.boolean(),
    source: z.string(),
    recordedAt: isoDate,
  })
  .meta({ id: 'EmploymentRecord' });

export const recordStatusAnswer = z.object({
  /** False when the ledger already said this (nothing was written). */
  changed: z.boolean(),
  record: employmentRecord,
});

export const residentHistoryAnswer = z.object({
  resident: z.object({ id: z.string(), name: z.string() }),
  records: z.array(employmentRecord),
});

/** A household with every member's current situation. */
export const employmentHousehold = z
  .object({
    id: z.string(),
    gridId: z.string(),
    building: z.string(),
    room: z.string(),
    members: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        birthYear: z.number().int().nullable(),
        status: status.nullable(),
        employer: z.string().nullable(),
      }),
    ),
    /** Working-age members able to work. */
    labour: z.number().int(),
    employed: z.number().int(),
    zeroEmployment: z.boolean(),
  })
  .meta({ id: 'EmploymentHousehold' });

export const employmentHouseholdPage = z.object({ total: z.number().int(), items: z.array(employmentHousehold) });

const figures = z.object({
  households: z.number().int(),
  labourHouseholds: z.number().int(),
  labour: z.number().int(),
  employed: z.number().int(),
  /** 就业率: employed people over the labour force. */
  employmentRate: z.number().nullable(),
  /** 户均就业人数: employed people per household with labour. */
  employedPerLabourHousehold: z.number().nullable(),
  zeroEmploymentHouseholds: z.number().int(),
});

export const employmentStatsAnswer = z.object({
  community: figures,
  grids: z.array(figures.extend({ id: z.string(), name: z.string() })),
});

export const importResult = z.object({
  rows: z.number().int(),
  imported: z.number().int(),
  unchanged: z.number().int(),
  /** Rows without a 就业状态 (children, elderly members), skipped. */
  withoutStatus: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  /** True when nothing was written (`dryRun`). */
  dryRun: z.boolean(),
});

export type RecordStatusBody = z.infer<typeof recordStatusBody>;
export type HouseholdsQuery = z.infer<typeof householdsQuery>;

// ---- 就业摸底: the monthly survey ------------------------------------------------------

/** A month in China time: 2026-12. */
export const surveyMonth = z.string().regex(/^20[0-9]{2}-(0[1-9]|1[0-2])$/, 'a month like 2026-12');
export const surveyMonthParams = z.object({ month: surveyMonth });
export const generateSurveyBody = z.object({ month: surveyMonth.optional() });
export const SURVEY_TASK_STATUSES = ['pending', 'unchanged', 'changed'] as const;

export const surveyTasksQuery = z.object({
  gridId: id.optional(),
  status: z.enum(SURVEY_TASK_STATUSES).optional(),
  /** Only 零就业家庭. */
  zeroEmployment: bool.optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A member's situation found at the survey; trades stay as the ledger has them unless given. */
export const surveyChangesBody = z.object({
  changes: z
    .array(
      z.object({
        residentId: id,
        status: z.enum(EMPLOYMENT_STATUSES),
        employer: z.string().trim().max(60).nullable().optional(),
        since: dateTime().nullable().optional(),
        trades: z.array(tradeCode).max(10).optional(),
        note: z.string().trim().max(200).nullable().optional(),
      }),
    )
    .min(1, 'at least one member')
    .max(20),
});

export const generateSurveyAnswer = z.object({
  month: z.string(),
  /** Tasks added now (0 when the month was already generated). */
  created: z.number().int(),
  total: z.number().int(),
});

const surveyCounts = z.object({ total: z.number().int(), done: z.number().int(), changed: z.number().int() });

export const surveyProgressAnswer = z.object({
  month: z.string(),
  generated: z.boolean(),
  community: surveyCounts,
  grids: z.array(surveyCounts.extend({ id: z.string(), name: z.string() })),
  /** Households whose employment changed at this month's survey, with what changed. */
  changed: z.array(
    z.object({
      household: employmentHousehold,
      doneBy: z.string().nullable(),
      doneAt: isoDate.nullable(),
      changes: z.array(z.object({ resident: z.object({ id: z.string(), name: z.string() }), before: employmentRecord.nullable(), after: employmentRecord })),
    }),
  ),
});

export const surveyTask = z
  .object({
    id: z.string(),
    status: z.enum(SURVEY_TASK_STATUSES),
    doneBy: z.string().nullable(),
    doneAt: isoDate.nullable(),
    /** The household with its working-age members (and anyone else with a ledger record). */
    household: employmentHousehold,
  })
  .meta({ id: 'EmploymentSurveyTask' });

export const surveyTaskPage = z.object({ month: z.string(), total: z.number().int(), items: z.array(surveyTask) });

export const surveyTaskDone = z.object({
  id: z.string(),
  status: z.enum(SURVEY_TASK_STATUSES),
  doneAt: isoDate.nullable(),
  /** The ledger records written (none for "无变化"). */
  records: z.array(employmentRecord.extend({ residentId: z.string() })),
});

export type SurveyTasksQuery = z.infer<typeof surveyTasksQuery>;
export type SurveyChangesBody = z.infer<typeof surveyChangesBody>;
