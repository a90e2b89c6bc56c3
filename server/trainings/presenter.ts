// What residents and staff see of a course and of a place on it.
import type { Enrolment, EnrolmentStatus, TrainingSession } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import { TRADES } from '../employment/index.js';
import { mustReveal, placeOfHousehold, relationsTo, revealAs } from '../policies/index.js';
import type { RosterRow } from './queries.js';

/** A posting a course trains for, by name. */
export interface CourseJob {
  id: string;
  title: string;
  employer: string;
}

/** Where the viewer stands in a course. */
export interface Standing {
  /** The course is in a trade the viewer wants (from their employment record). */
  matchesMe: boolean;
  myEnrolment: EnrolmentStatus | null;
  /** 1 for the first in line, when the viewer is on the waiting list. */
  myWaitlistPosition: number | null;
}

const presentCourse = (t: TrainingSession) => ({
  id: t.id,
  course: t.course,
  trade: t.trade,
  tradeName: TRADES[t.trade as keyof typeof TRADES] ?? t.trade,
  schedule: t.schedule,
  place: t.place,
  startsAt: t.startsAt,
  endsAt: t.endsAt,
  signupDeadline: t.signupDeadline,
  capacity: t.capacity,
  seatsLeft: Math.max(0, t.capacity - t.seatsTaken),
  status: t.status,
});

type Course = ReturnType<typeof presentCourse>;

/** A course; with the postings it trains for; and where the viewer stands in it. */
export function presentTraining(t: TrainingSession): Course;
export function presentTraining(t: TrainingSession, jobs: CourseJob[]): Course & { jobs: CourseJob[] };
export function presentTraining(t: TrainingSession, jobs: CourseJob[], standing: Standing): Course & { jobs: CourseJob[] } & Standing;
/** Any of the above (the mini-program's Training type, client/api/types.ts, is this one). */
export function presentTraining(t: TrainingSession, jobs?: CourseJob[], standing?: Standing): Course & { jobs?: CourseJob[] } & Partial<Standing>;
export function presentTraining(t: TrainingSession, jobs?: CourseJob[], standing?: Standing) {
  return { ...presentCourse(t), ...(jobs ? { jobs } : {}), ...standing };
}

/** `position`: the place on the waiting list, for a waitlisted enrolment. */
export const presentEnrolment = (e: Enrolment, position: number | null) => ({
  id: e.id,
  trainingId: e.trainingId,
  status: e.status,
  ...(e.status === 'waitlisted' && position !== null ? { position } : {}),
});

/**
 * A place on the roster as the viewer sees it (the visibility table for their
 * relations to the resident's household): who, with a phone where the table
 * shows it, and their attendance. The roster reaches only the course's
 * community's staff (jobsStaffCommunity).
 */
export function presentRosterEntry(v: Viewer, e: RosterRow) {
  const seen = relationsTo(v, placeOfHousehold(e.resident.household));
  return {
    id: e.id,
    resident: { id: e.resident.id, name: mustReveal(seen, 'name', e.resident.name), ...revealAs(seen, 'phone', 'phone', e.resident.phone) },
    status: e.status,
    queuedAt: e.queuedAt,
    attended: e.attendance.filter((a) => a.present).length,
    absent: e.attendance.filter((a) => !a.present).length,
    completedAt: e.completedAt,
  };
}
