import { z } from 'zod';
import { TRAINING_LIMITS } from '../../shared/limits.js';
import { tradeCode } from '../employment/index.js';
import { dateTime } from '../http/dates.js';
import { bool, id, isoDate } from '../http/fields.js';

export const createTrainingBody = z
  .object({
    course: z.string().trim().min(1, 'required').max(TRAINING_LIMITS.course),
    trade: tradeCode,
    schedule: z.string().trim().min(1, 'required').max(TRAINING_LIMITS.schedule),
    place: z.string().trim().min(1, 'required').max(TRAINING_LIMITS.place),
    startsAt: dateTime(),
    endsAt: dateTime(),
    signupDeadline: dateTime(),
    capacity: z.number().int().min(1).max(TRAINING_LIMITS.capacity),
    /** 以岗定培: the community's postings the course trains for. */
    jobIds: z.array(id).max(20).default([]),
  })
  .refine((b) => b.endsAt >= b.startsAt, { message: 'must not be before startsAt', path: ['endsAt'] })
  .refine((b) => b.signupDeadline <= b.startsAt, { message: 'must not be after startsAt', path: ['signupDeadline'] });

export const listTrainingsQuery = z.object({
  /** Staff: every course, also past, finished and cancelled ones. */
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

// ---- answers -------------------------------------------------------------------

const enrolmentStatus = z.enum(['enrolled', 'waitlisted', 'withdrawn', 'completed']);

/** A course as scheduled. */
export const training = z
  .object({
    id: z.string(),
    course: z.string(),
    trade: z.string(),
    tradeName: z.string(),
    schedule: z.string(),
    place: z.string(),
    startsAt: isoDate,
    endsAt: isoDate,
    signupDeadline: isoDate,
    capacity: z.number().int(),
    seatsLeft: z.number().int(),
    status: z.enum(['open', 'cancelled', 'finished']),
  })
  .meta({ id: 'Training' });

/** A course with the postings it trains for. */
export const trainingWithJobs = training
  .extend({ jobs: z.array(z.object({ id: z.string(), title: z.string(), employer: z.string() })) })
  .meta({ id: 'TrainingWithJobs' });

/** A course for the viewer: whether it fits their trades, and where they stand in it. */
export const trainingForViewer = trainingWithJobs
  .extend({
    matchesMe: z.boolean(),
    myEnrolment: enrolmentStatus.nullable(),
    /** 1 for the first in line, when the viewer is on the waiting list. */
    myWaitlistPosition: z.number().int().nullable(),
  })
  .meta({ id: 'TrainingForViewer' });

export const trainingList = z.array(trainingForViewer);

export const enrolment = z
  .object({
    id: z.string(),
    trainingId: z.string(),
    status: enrolmentStatus,
    /** The place on the waiting list (1 for the first in line), when waitlisted. */
    position: z.number().int().optional(),
  })
  .meta({ id: 'TrainingEnrolment' });

export const withdrawResult = z.object({
  withdrawn: z.literal(true),
  /** The resident who got the freed seat, from the waiting list. */
  promotedResidentId: z.string().nullable(),
});

export const roster = z.object({
  training,
  enrolments: z.array(
    z.object({
      id: z.string(),
      /** The phone only where the visibility table shows it to the viewer (server/policies/visibility.ts). */
      resident: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable().optional() }),
      status: enrolmentStatus,
      queuedAt: isoDate,
      attended: z.number().int(),
      absent: z.number().int(),
      completedAt: isoDate.nullable(),
    }),
  ),
});

export const attendanceResult = z.object({ day: z.string(), recorded: z.number().int() });

export const completeResult = z.object({ completed: z.number().int(), pointsAwarded: z.number().int() });

export type CreateTrainingBody = z.infer<typeof createTrainingBody>;
export type ListTrainingsQuery = z.infer<typeof listTrainingsQuery>;
export type AttendanceBody = z.infer<typeof attendanceBody>;

// ---- the staff console's list of courses ----------------------------------------------

/** The console's table of courses: filtered, searched, sorted and paged on the server. */
export const manageTrainingsQuery = z.object({
  status: z.enum(['open', 'cancelled', 'finished']).optional(),
  trade: tradeCode.optional(),
  /** Part of the course's name or place. */
  // (Prisma's contains passes % and _ through to LIKE on SQLite: they would match anything)
  q: z.string().trim().min(1).max(40).regex(/^[^%_\\]*$/, 'without % _ \\').optional(),
  sort: z.enum(['startsAt', 'signupDeadline', 'createdAt']).default('startsAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of courses, each with how many hold a seat, wait, and completed. */
export const managedTrainingPage = z.object({
  total: z.number().int(),
  items: z.array(
    training
      .extend({ enrolled: z.number().int(), waitlisted: z.number().int(), completed: z.number().int() })
      .meta({ id: 'ManagedTraining' }),
  ),
});

export type ManageTrainingsQuery = z.infer<typeof manageTrainingsQuery>;
