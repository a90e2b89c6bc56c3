// Training sessions (以岗定培): staff schedule them against vacancies;
// residents enrol up to capacity, then onto a waiting list that moves up when
// someone withdraws. Seats are taken by a conditional update on seatsTaken, so
// simultaneous sign-ups never exceed capacity.
import type { Enrolment, EnrolmentStatus, Prisma, TrainingSession } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import { canManageJobs, homeCommunity } from '../policies/index.js';
import { awardForRule } from '../points/awardPoints.js';
import { dayLabel } from '../points/calendar.js';
import { currentTradesOf } from './ledger.js';
import { staffCommunityForJobs } from './postings.js';
import type { AttendanceBody, CreateTrainingBody } from './schemas.js';
import { TRADES } from './trades.js';

/** The points rule a completed course earns, if the community has it (server/points). */
export const TRAINING_COMPLETED_RULE = 'training_completed';

type TrainingRow = TrainingSession & { jobs?: Array<{ job: { id: string; title: string; employer: string } }> };

export interface TrainingForViewer {
  /** The course is in a trade the viewer wants (from their employment record). */
  matchesMe?: boolean;
  myEnrolment?: EnrolmentStatus | null;
  /** 1 for the first in line, when the viewer is on the waiting list. */
  myWaitlistPosition?: number | null;
}

export function presentTraining(t: TrainingRow, extra: TrainingForViewer = {}) {
  return {
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
    ...(t.jobs ? { jobs: t.jobs.map((j) => j.job) } : {}),
    ...extra,
  };
}

const withJobs = { jobs: { include: { job: { select: { id: true, title: true, employer: true } } } } } satisfies Prisma.TrainingSessionInclude;

export async function createTraining(deps: Deps, v: Viewer, body: CreateTrainingBody) {
  const communityId = staffCommunityForJobs(v);
  const jobs = await deps.db.jobPosting.findMany({ where: { id: { in: body.jobIds }, communityId }, select: { id: true } });
  body.jobIds.forEach((id, i) => {
    if (!jobs.some((j) => j.id === id)) throw badRequest(`body.jobIds.${i}`, 'not a job posting of this community');
  });
  const now = deps.clock();
  const { jobIds, ...fields } = body;
  const t = await deps.db.trainingSession.create({
    data: { ...fields, communityId, createdById: v.userId, createdAt: now, updatedAt: now, jobs: { create: [...new Set(jobIds)].map((jobId) => ({ jobId })) } },
    include: withJobs,
  });
  deps.events.emit('training.scheduled', { trainingId: t.id, communityId, course: t.course, startsAt: t.startsAt, createdById: v.userId });
  return presentTraining(t);
}

/** Upcoming sessions; for someone seeking work, the ones in their trades first. */
export async function listTrainings(deps: Deps, v: Viewer, q: { all?: boolean; limit: number }) {
  const communityId = homeCommunity(v);
  if (!communityId) return [];
  const now = deps.clock();
  const staff = canManageJobs(v, communityId);
  const rows = await deps.db.trainingSession.findMany({
    where: { communityId, ...(q.all && staff ? {} : { status: 'open', endsAt: { gte: now } }) },
    include: withJobs,
    orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    take: 500,
  });
  const extras = await viewerExtras(deps, v, rows);
  return rows
    .map((t) => ({ t, extra: extras.get(t.id)! }))
    .sort((a, b) => Number(b.extra.matchesMe) - Number(a.extra.matchesMe))
    .slice(0, q.limit)
    .map(({ t, extra }) => presentTraining(t, extra));
}

export async function getTraining(deps: Deps, v: Viewer, id: string) {
  const t = await deps.db.trainingSession.findFirst({ where: { id, communityId: homeCommunity(v) ?? '' }, include: withJobs });
  if (!t) throw notFound('training');
  return presentTraining(t, (await viewerExtras(deps, v, [t])).get(t.id)!);
}

/** Whether each course fits the viewer's trades, and where the viewer stands in it. */
async function viewerExtras(deps: Deps, v: Viewer, rows: TrainingSession[]): Promise<Map<string, TrainingForViewer>> {
  const mine = v.resident ? await currentTradesOf(deps, v.resident.id) : [];
  const enrolments = v.resident
    ? await deps.db.enrolment.findMany({ where: { residentId: v.resident.id, trainingId: { in: rows.map((r) => r.id) } } })
    : [];
  const out = new Map<string, TrainingForViewer>();
  for (const t of rows) {
    const e = enrolments.find((x) => x.trainingId === t.id);
    out.set(t.id, {
      matchesMe: mine.includes(t.trade as never),
      myEnrolment: e?.status ?? null,
      myWaitlistPosition: e?.status === 'waitlisted' ? await waitlistPosition(deps.db, e) : null,
    });
  }
  return out;
}

async function trainingInCommunity(tx: DbTx, v: Viewer, id: string) {
  const t = await tx.trainingSession.findFirst({ where: { id, communityId: homeCommunity(v) ?? '' } });
  if (!t) throw notFound('training');
  return t;
}

/** 1 for the first in line; ties in time are broken by id, as promotion is. */
async function waitlistPosition(tx: DbTx, e: Enrolment) {
  return tx.enrolment.count({
    where: {
      trainingId: e.trainingId,
      status: 'waitlisted',
      OR: [{ queuedAt: { lt: e.queuedAt } }, { queuedAt: e.queuedAt, id: { lte: e.id } }],
    },
  });
}

async function presentEnrolment(tx: DbTx, e: Enrolment) {
  return {
    id: e.id,
    trainingId: e.trainingId,
    status: e.status,
    ...(e.status === 'waitlisted' ? { position: await waitlistPosition(tx, e) } : {}),
  };
}

/** Takes a seat if one is free; the one conditional UPDATE is the whole guarantee. */
async function takeSeat(tx: DbTx, t: TrainingSession): Promise<boolean> {
  const r = await tx.trainingSession.updateMany({ where: { id: t.id, seatsTaken: { lt: t.capacity } }, data: { seatsTaken: { increment: 1 } } });
  return r.count === 1;
}

export async function enrol(deps: Deps, v: Viewer, trainingId: string, waitlist: boolean) {
  const me = v.resident;
  if (!me) throw forbidden('this account is not linked to a household yet');
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const t = await trainingInCommunity(tx, v, trainingId);
    if (t.status !== 'open' || t.signupDeadline < now) throw new AppError('invalid_transition', 'sign-up for this course has closed', undefined, 'signup_closed');
    const existing = await tx.enrolment.findUnique({ where: { trainingId_residentId: { trainingId, residentId: me.id } } });
    // a second tap answers with what the first one did
    if (existing && existing.status !== 'withdrawn') return { created: false, enrolment: await presentEnrolment(tx, existing) };
    const seated = await takeSeat(tx, t);
    if (!seated && !waitlist) {
      throw new AppError('conflict', 'full: every seat is taken; ask to join the waiting list (waitlist: true)', undefined, 'full');
    }
    const data = { status: seated ? ('enrolled' as const) : ('waitlisted' as const), queuedAt: now, updatedAt: now };
    const e = existing
      ? await tx.enrolment.update({ where: { id: existing.id }, data })
      : await tx.enrolment.create({
          data: { ...data, communityId: t.communityId, trainingId, residentId: me.id, householdId: me.householdId, createdAt: now },
        });
    return { created: true, enrolment: await presentEnrolment(tx, e) };
  });
}

/** Leaving frees the seat for the first on the waiting list. */
export async function withdraw(deps: Deps, v: Viewer, trainingId: string) {
  const me = v.resident;
  if (!me) throw forbidden('this account is not linked to a household yet');
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const t = await trainingInCommunity(tx, v, trainingId);
    const e = await tx.enrolment.findUnique({ where: { trainingId_residentId: { trainingId, residentId: me.id } } });
    if (!e || (e.status !== 'enrolled' && e.status !== 'waitlisted')) throw new AppError('invalid_transition', 'you are not enrolled in this course');
    await tx.enrolment.update({ where: { id: e.id }, data: { status: 'withdrawn', updatedAt: now } });
    let promoted: string | null = null;
    if (e.status === 'enrolled') {
      await tx.trainingSession.update({ where: { id: t.id }, data: { seatsTaken: { decrement: 1 } } });
      const next = await tx.enrolment.findFirst({ where: { trainingId, status: 'waitlisted' }, orderBy: [{ queuedAt: 'asc' }, { id: 'asc' }] });
      if (next && (await takeSeat(tx, t))) {
        await tx.enrolment.update({ where: { id: next.id }, data: { status: 'enrolled', updatedAt: now } });
        promoted = next.residentId;
      }
    }
    return { withdrawn: true, promotedResidentId: promoted };
  });
}

export async function listEnrolments(deps: Deps, v: Viewer, trainingId: string) {
  const communityId = staffCommunityForJobs(v);
  const t = await deps.db.trainingSession.findFirst({ where: { id: trainingId, communityId } });
  if (!t) throw notFound('training');
  const rows = await deps.db.enrolment.findMany({
    where: { trainingId },
    include: { resident: { select: { id: true, name: true, phone: true } }, attendance: { select: { day: true, present: true } } },
    orderBy: [{ status: 'asc' }, { queuedAt: 'asc' }, { id: 'asc' }],
  });
  return {
    training: presentTraining(t),
    enrolments: rows.map((e) => ({
      id: e.id,
      resident: e.resident,
      status: e.status,
      queuedAt: e.queuedAt,
      attended: e.attendance.filter((a) => a.present).length,
      absent: e.attendance.filter((a) => !a.present).length,
      completedAt: e.completedAt,
    })),
  };
}

async function enrolmentsByResident(tx: DbTx, trainingId: string, residentIds: string[], field: string) {
  const rows = await tx.enrolment.findMany({ where: { trainingId, residentId: { in: residentIds } } });
  const byResident = new Map(rows.map((e) => [e.residentId, e]));
  residentIds.forEach((id, i) => {
    const e = byResident.get(id);
    if (!e || (e.status !== 'enrolled' && e.status !== 'completed')) throw badRequest(`${field}.${i}`, 'not enrolled in this course');
  });
  return byResident;
}

/** Staff mark who came on a day; marking the same day again corrects it. */
export async function recordAttendance(deps: Deps, v: Viewer, trainingId: string, body: AttendanceBody) {
  const communityId = staffCommunityForJobs(v);
  const now = deps.clock();
  return deps.db.$transaction(async (tx) => {
    const t = await tx.trainingSession.findFirst({ where: { id: trainingId, communityId } });
    if (!t) throw notFound('training');
    const byResident = await enrolmentsByResident(tx, trainingId, body.records.map((r) => r.residentId), 'body.records');
    for (const r of body.records) {
      const e = byResident.get(r.residentId)!;
      await tx.attendance.upsert({
        where: { enrolmentId_day: { enrolmentId: e.id, day: body.day } },
        create: { communityId, enrolmentId: e.id, day: body.day, present: r.present, recordedById: v.userId, createdAt: now },
        update: { present: r.present, recordedById: v.userId },
      });
    }
    return { day: body.day, recorded: body.records.length };
  });
}

/**
 * Completion, and the points it earns where the community has a
 * `training_completed` rule. Completing someone twice awards nothing twice.
 */
export async function completeTraining(deps: Deps, v: Viewer, trainingId: string, residentIds: string[]) {
  const communityId = staffCommunityForJobs(v);
  const now = deps.clock();
  const completed = await deps.db.$transaction(async (tx) => {
    const t = await tx.trainingSession.findFirst({ where: { id: trainingId, communityId } });
    if (!t) throw notFound('training');
    const byResident = await enrolmentsByResident(tx, trainingId, residentIds, 'body.residentIds');
    const fresh = [...byResident.values()].filter((e) => e.status === 'enrolled');
    await tx.enrolment.updateMany({ where: { id: { in: fresh.map((e) => e.id) } }, data: { status: 'completed', completedAt: now, updatedAt: now } });
    return [...byResident.values()];
  });
  const rule = await deps.db.pointsRule.findUnique({ where: { communityId_code: { communityId, code: TRAINING_COMPLETED_RULE } } });
  let pointsAwarded = 0;
  if (rule?.active) {
    // one batch per course: each household is paid once per course, however often this is called
    const result = await awardForRule(deps, {
      communityId,
      ruleId: rule.id,
      householdIds: [...new Set(completed.map((e) => e.householdId))],
      times: 1,
      note: `${dayLabel(now)} 结业`,
      grantedById: v.userId,
      batch: `training:${trainingId}`,
    });
    pointsAwarded = result.awarded.reduce((s, a) => s + a.amount, 0);
  }
  return { completed: completed.length, pointsAwarded };
}
