// The trainings domain's tables, TrainingSession, TrainingJob, Enrolment and
// Attendance: every read and write of them, with Prisma. Seats are taken by a
// conditional update on seatsTaken, so simultaneous sign-ups never exceed
// capacity. The roster joins the people it names (residents) from the org
// domain's tables; nothing here writes those.
import type { Enrolment, EnrolmentStatus, Prisma, TrainingSession } from '@prisma/client';
import type { DbTx } from '../db.js';

// ---- courses ---------------------------------------------------------------------

/** A new course, linked to the postings it trains for. */
export const insertSession = (db: DbTx, data: Prisma.TrainingSessionUncheckedCreateInput, jobIds: string[]) =>
  db.trainingSession.create({ data: { ...data, jobs: { create: jobIds.map((jobId) => ({ jobId })) } } });

/** A course of the community (null for another community's: not found). */
export const findSession = (db: DbTx, id: string, communityId: string) => db.trainingSession.findFirst({ where: { id, communityId } });

/** Courses matching `where`, soonest first (at most 500). */
export const sessionsWhere = (db: DbTx, where: Prisma.TrainingSessionWhereInput) =>
  db.trainingSession.findMany({ where, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: 500 });

/** One page of courses matching `where`, in the order asked (ties by id), and how many match. */
export async function sessionsPage(db: DbTx, where: Prisma.TrainingSessionWhereInput, orderBy: Prisma.TrainingSessionOrderByWithRelationInput, skip: number, take: number) {
  const [rows, total] = await Promise.all([
    db.trainingSession.findMany({ where, orderBy: [orderBy, { id: 'asc' }], skip, take }),
    db.trainingSession.count({ where }),
  ]);
  return { rows, total };
}

/** How many places of each course are in each state: training id → status → count. */
export async function enrolmentCounts(db: DbTx, trainingIds: string[]): Promise<Map<string, Partial<Record<EnrolmentStatus, number>>>> {
  const rows = await db.enrolment.groupBy({ by: ['trainingId', 'status'], where: { trainingId: { in: trainingIds } }, _count: { _all: true } });
  const out = new Map<string, Partial<Record<EnrolmentStatus, number>>>();
  for (const r of rows) out.set(r.trainingId, { ...out.get(r.trainingId), [r.status]: r._count._all });
  return out;
}

/** The community's courses still open for sign-up, soonest first. */
export const sessionsOpenForSignup = (db: DbTx, communityId: string, now: Date, take: number) =>
  db.trainingSession.findMany({
    where: { communityId, status: 'open', signupDeadline: { gte: now } },
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take,
  });

/** The postings each course trains for: training id → job ids. */
export async function linkedJobIds(db: DbTx, trainingIds: string[]): Promise<Map<string, string[]>> {
  const links = await db.trainingJob.findMany({ where: { trainingId: { in: trainingIds } } });
  const out = new Map<string, string[]>();
  for (const l of links) out.set(l.trainingId, [...(out.get(l.trainingId) ?? []), l.jobId]);
  return out;
}

/** Takes a seat if one is free; the one conditional UPDATE is the whole guarantee. */
export async function takeSeat(tx: DbTx, t: TrainingSession): Promise<boolean> {
  const r = await tx.trainingSession.updateMany({ where: { id: t.id, seatsTaken: { lt: t.capacity } }, data: { seatsTaken: { increment: 1 } } });
  return r.count === 1;
}

export const freeSeat = (tx: DbTx, trainingId: string) => tx.trainingSession.update({ where: { id: trainingId }, data: { seatsTaken: { decrement: 1 } } });

// ---- enrolments ------------------------------------------------------------------

export const enrolmentOf = (tx: DbTx, trainingId: string, residentId: string) =>
  tx.enrolment.findUnique({ where: { trainingId_residentId: { trainingId, residentId } } });

/** The resident's enrolments in any of `trainingIds`. */
export const enrolmentsOfResident = (db: DbTx, residentId: string, trainingIds: string[]) =>
  db.enrolment.findMany({ where: { residentId, trainingId: { in: trainingIds } } });

export const insertEnrolment = (tx: DbTx, data: Prisma.EnrolmentUncheckedCreateInput) => tx.enrolment.create({ data });

export const updateEnrolment = (tx: DbTx, id: string, data: Prisma.EnrolmentUncheckedUpdateInput) => tx.enrolment.update({ where: { id }, data });

/** 1 for the first in line; ties in time are broken by id, as promotion is. */
export const waitlistPosition = (tx: DbTx, e: Enrolment) =>
  tx.enrolment.count({
    where: {
      trainingId: e.trainingId,
      status: 'waitlisted',
      OR: [{ queuedAt: { lt: e.queuedAt } }, { queuedAt: e.queuedAt, id: { lte: e.id } }],
    },
  });

/** The first on the waiting list. */
export const firstInLine = (tx: DbTx, trainingId: string) =>
  tx.enrolment.findFirst({ where: { trainingId, status: 'waitlisted' }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] });

/** Everyone who signed up, with their attendance, by status then place in line. */
export const rosterOf = (db: DbTx, trainingId: string) =>
  db.enrolment.findMany({
    where: { trainingId },
    include: {
      // with where they live: the place the viewer's relations to them (the visibility table) are decided from
      resident: {
        select: { id: true, name: true, phone: true, household: { select: { id: true, communityId: true, buildingId: true, building: { select: { gridId: true } } } } },
      },
      attendance: { select: { day: true, present: true } },
    },
    orderBy: [{ status: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }],
  });

export type RosterRow = Awaited<ReturnType<typeof rosterOf>>[number];

export const enrolmentsOfResidents = (tx: DbTx, trainingId: string, residentIds: string[]) =>
  tx.enrolment.findMany({ where: { trainingId, residentId: { in: residentIds } } });

export const completeEnrolments = (tx: DbTx, ids: string[], now: Date) =>
  tx.enrolment.updateMany({ where: { id: { in: ids } }, data: { status: 'completed', completedAt: now, updatedAt: now } });

// ---- attendance ------------------------------------------------------------------

/** Marking the same day again corrects it. */
export const markAttendance = (tx: DbTx, a: { communityId: string; enrolmentId: string; day: string; present: boolean; recordedById: string; at: Date }) =>
  tx.attendance.upsert({
    where: { enrolmentId_day: { enrolmentId: a.enrolmentId, day: a.day } },
    create: { communityId: a.communityId, enrolmentId: a.enrolmentId, day: a.day, present: a.present, recordedById: a.recordedById, createdAt: a.at },
    update: { present: a.present, recordedById: a.recordedById },
  });
