import { z } from 'zod';
import { dateTime } from '../http/dates.js';
import { TRADE_CODES } from './trades.js';

const id = z.string().trim().min(1, 'required').max(40);
const trades = z.array(z.enum(TRADE_CODES)).max(10).default([]);
const bool = z.union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')]);
const when = dateTime();

export const idParams = z.object({ id });
export const interestParams = z.object({ id, interestId: id });

export const JOB_KINDS = ['workshop', 'local', 'public_welfare', 'outbound'] as const;

const jobFields = {
  employer: z.string().trim().min(1, 'required').max(60),
  title: z.string().trim().min(1, 'required').max(60),
  kind: z.enum(JOB_KINDS),
  location: z.string().trim().min(1, 'required').max(100),
  payMin: z.number().int().min(0).max(1_000_000).nullable().optional(),
  payMax: z.number().int().min(0).max(1_000_000).nullable().optional(),
  payUnit: z.enum(['month', 'day', 'piece', 'hour']).default('month'),
  headcount: z.number().int().min(1).max(10_000),
  requirements: z.string().trim().max(1000).default(''),
  contact: z.string().trim().min(1, 'required').max(60),
  trades,
  deadline: when.nullable().optional(),
};

const payRange = (b: { payMin?: number | null; payMax?: number | null }) => b.payMin == null || b.payMax == null || b.payMin <= b.payMax;

export const createJobBody = z.object(jobFields).refine(payRange, { message: 'must not be below payMin', path: ['payMax'] });
export const updateJobBody = z
  .object(jobFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .refine(payRange, { message: 'must not be below payMin', path: ['payMax'] });

export const listJobsQuery = z.object({
  kind: z.enum(JOB_KINDS).optional(),
  /** Staff: include closed postings. */
  all: bool.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const outcomeBody = z.object({
  outcome: z.enum(['hired', 'not_hired']),
  /** Record the job in the employment ledger when hired (default yes). */
  recordEmployment: z.boolean().default(true),
});

export const createTrainingBody = z
  .object({
    course: z.string().trim().min(1, 'required').max(60),
    trade: z.enum(TRADE_CODES),
    schedule: z.string().trim().min(1, 'required').max(100),
    place: z.string().trim().min(1, 'required').max(100),
    startsAt: when,
    endsAt: when,
    signupDeadline: when,
    capacity: z.number().int().min(1).max(1000),
    jobIds: z.array(id).max(20).default([]),
  })
  .refine((b) => b.endsAt >= b.startsAt, { message: 'must not be before startsAt', path: ['endsAt'] })
  .refine((b) => b.signupDeadline <= b.startsAt, { message: 'must not be after startsAt', path: ['signupDeadline'] });

export const listTrainingsQuery = z.object({
  all: bool.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const enrolBody = z.object({
  /** When the course is full, join the waiting list instead of being refused. */
  waitlist: z.boolean().default(false),
});

export const attendanceBody = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2026-11-22'),
  records: z.array(z.object({ residentId: id, present: z.boolean() })).min(1).max(1000),
});

export const completeBody = z.object({
  residentIds: z.array(id).min(1).max(1000),
});

export const EMPLOYMENT_STATUSES = ['employed_local', 'employed_outbound', 'public_welfare', 'self_employed', 'seeking', 'unable'] as const;

export const recordStatusBody = z.object({
  status: z.enum(EMPLOYMENT_STATUSES),
  employer: z.string().trim().max(60).nullable().optional(),
  since: when.nullable().optional(),
  trades,
  note: z.string().trim().max(200).nullable().optional(),
});

export const householdsQuery = z.object({
  /** Only 零就业家庭: households with working-age members and nobody in work. */
  zeroEmployment: bool.optional(),
  gridId: id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export type CreateJobBody = z.infer<typeof createJobBody>;
export type UpdateJobBody = z.infer<typeof updateJobBody>;
export type ListJobsQuery = z.infer<typeof listJobsQuery>;
export type CreateTrainingBody = z.infer<typeof createTrainingBody>;
export type RecordStatusBody = z.infer<typeof recordStatusBody>;
export type HouseholdsQuery = z.infer<typeof householdsQuery>;
export type AttendanceBody = z.infer<typeof attendanceBody>;
