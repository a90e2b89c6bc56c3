import { z } from 'zod';
import { JOB_KINDS } from '../../shared/words.js';
import { JOB_LIMITS } from '../../shared/limits.js';
import { tradeCode, tradeCodes } from '../employment/index.js';
import { dateTime } from '../http/dates.js';
import { bool, id, isoDate } from '../http/fields.js';

export const interestParams = z.object({ id, interestId: id });

const jobFields = {
  employer: z.string().trim().min(1, 'required').max(JOB_LIMITS.employer),
  title: z.string().trim().min(1, 'required').max(JOB_LIMITS.title),
  kind: z.enum(JOB_KINDS),
  location: z.string().trim().min(1, 'required').max(JOB_LIMITS.location),
  payMin: z.number().int().min(0).max(JOB_LIMITS.pay).nullable().optional(),
  payMax: z.number().int().min(0).max(JOB_LIMITS.pay).nullable().optional(),
  payUnit: z.enum(['month', 'day', 'piece', 'hour']).default('month'),
  headcount: z.number().int().min(1).max(JOB_LIMITS.headcount),
  requirements: z.string().trim().max(JOB_LIMITS.requirements).default(''),
  contact: z.string().trim().min(1, 'required').max(JOB_LIMITS.contact),
  trades: tradeCodes,
  deadline: dateTime().nullable().optional(),
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

// ---- answers -------------------------------------------------------------------

const jobStatus = z.enum(['open', 'closed']);
const outcome = z.enum(['pending', 'hired', 'not_hired']);

/** A posting as published: what staff get back when they post, edit or close it. */
export const jobPosting = z
  .object({
    id: z.string(),
    employer: z.string(),
    title: z.string(),
    kind: z.enum(JOB_KINDS),
    location: z.string(),
    pay: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable(), unit: z.string() }),
    headcount: z.number().int(),
    requirements: z.string(),
    contact: z.string(),
    trades: z.array(tradeCode),
    deadline: isoDate.nullable(),
    status: jobStatus,
    createdAt: isoDate,
  })
  .meta({ id: 'JobPosting' });

/**
 * One posting for the viewer: how many registered, and whether the viewer did.
 * (These answers always count; `interestedCount` is optional as presentJob types it.)
 */
export const jobDetail = jobPosting.extend({ interestedCount: z.number().int().optional(), interested: z.boolean() }).meta({ id: 'JobDetail' });

/** A posting in the list: also whether it fits the trades the viewer wants. */
export const jobListed = jobDetail.extend({ matchesMe: z.boolean() }).meta({ id: 'JobListed' });

export const jobList = z.array(jobListed);

/** 我有意向: the resident's interest in a posting (a second tap answers the same). */
export const jobInterest = z.object({ id: z.string(), jobId: z.string(), outcome, registeredAt: isoDate });

export const myInterestList = z.array(
  z.object({
    id: z.string(),
    job: z.object({ id: z.string(), title: z.string(), employer: z.string(), status: jobStatus }),
    outcome,
    registeredAt: isoDate,
  }),
);

/**
 * Who registered, with a phone to call them back (staff). Phone, gender and birth
 * year, and home are there only where the visibility table shows them to the viewer
 * (server/policies/visibility.ts); a field it hides is left out.
 */
export const interestRows = z.array(
  z.object({
    id: z.string(),
    resident: z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable().optional(),
      gender: z.string().optional(),
      birthYear: z.number().int().nullable().optional(),
      home: z.string().optional(),
    }),
    outcome,
    registeredAt: isoDate,
  }),
);

export const outcomeResult = z.object({
  id: z.string(),
  outcome: z.enum(['hired', 'not_hired']),
  /** The ledger's label of the situation recorded for a hire; null when none was. */
  employmentRecorded: z.string().nullable(),
});

/** Residents seeking work whose trades fit the posting (staff); phone, birth year and home as the visibility table shows them. */
export const candidates = z.array(
  z.object({
    resident: z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable().optional(),
      birthYear: z.number().int().nullable().optional(),
      home: z.string().optional(),
    }),
    trades: z.array(tradeCode),
  }),
);

export type CreateJobBody = z.infer<typeof createJobBody>;
export type UpdateJobBody = z.infer<typeof updateJobBody>;
export type ListJobsQuery = z.infer<typeof listJobsQuery>;
export type OutcomeBody = z.infer<typeof outcomeBody>;

// ---- the staff console's list of postings ------------------------------------------

/** The console's table of postings: filtered, searched, sorted and paged on the server. */
export const managePostingsQuery = z.object({
  status: jobStatus.optional(),
  kind: z.enum(JOB_KINDS).optional(),
  /** Part of the title, employer or place. */
  // (Prisma's contains passes % and _ through to LIKE on SQLite: they would match anything)
  q: z.string().trim().min(1).max(40).regex(/^[^%_\\]*$/, 'without % _ \\').optional(),
  sort: z.enum(['createdAt', 'deadline', 'headcount']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of postings with how many registered and how many were hired. */
export const managedPostingPage = z.object({
  total: z.number().int(),
  items: z.array(jobPosting.extend({ interestedCount: z.number().int(), hiredCount: z.number().int() }).meta({ id: 'ManagedJobPosting' })),
});

export type ManagePostingsQuery = z.infer<typeof managePostingsQuery>;
