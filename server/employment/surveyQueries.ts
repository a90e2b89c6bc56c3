// The 就业摸底's tables, EmploymentSurvey and EmploymentSurveyTask: every read and
// write of them, with Prisma. Households and their members are the org domain's,
// read here only to know who is surveyed.
import type { EmploymentSurveyTaskStatus, Prisma } from '@prisma/client';
import type { DbTx } from '../db.js';
import { WORKING_AGE } from './ledger.js';

export const surveyOf = (db: DbTx, communityId: string, month: string) => db.employmentSurvey.findUnique({ where: { communityId_month: { communityId, month } } });

export const createSurvey = (db: DbTx, data: { communityId: string; month: string; createdById: string | null; createdAt: Date }) => db.employmentSurvey.create({ data });

/** The community's households with a working-age member still living there, and their grid. */
export const householdsToSurvey = (db: DbTx, communityId: string, year: number) =>
  db.household.findMany({
    where: { communityId, residents: { some: { leftAt: null, birthYear: { gte: year - WORKING_AGE.to, lte: year - WORKING_AGE.from } } } },
    select: { id: true, building: { select: { gridId: true } } },
  });

export const taskHouseholdsOf = async (db: DbTx, surveyId: string) =>
  new Set((await db.employmentSurveyTask.findMany({ where: { surveyId }, select: { householdId: true } })).map((t) => t.householdId));

export const insertTasks = (db: DbTx, data: Prisma.EmploymentSurveyTaskCreateManyInput[]) => db.employmentSurveyTask.createMany({ data });

/** Tasks matching `where`, by grid then household id (the list's order is by place, decided after). */
export const tasksWhere = (db: DbTx, where: Prisma.EmploymentSurveyTaskWhereInput) =>
  db.employmentSurveyTask.findMany({ where, select: { id: true, householdId: true, gridId: true, status: true, doneById: true, doneAt: true } });

export const taskInScope = (db: DbTx, id: string, scope: Prisma.EmploymentSurveyTaskWhereInput) =>
  db.employmentSurveyTask.findFirst({ where: { AND: [{ id }, scope] } });

/** Done counts per grid and status. */
export const tasksByGridAndStatus = (db: DbTx, surveyId: string) =>
  db.employmentSurveyTask.groupBy({ by: ['gridId', 'status'], where: { surveyId }, _count: { _all: true } });

/** A task's outcome; a task found changed stays changed (a later "无变化" does not undo the records written). */
export const finishTask = (db: DbTx, id: string, status: Exclude<EmploymentSurveyTaskStatus, 'pending'>, doneById: string, doneAt: Date) =>
  db.employmentSurveyTask.updateMany({
    where: status === 'unchanged' ? { id, status: 'pending' } : { id },
    data: { status, doneById, doneAt },
  });

/** The members of a household still living there (to check a change is for one of them). */
export const membersOf = (db: DbTx, householdId: string) => db.resident.findMany({ where: { householdId, leftAt: null }, select: { id: true, name: true, birthYear: true } });

/** The names of the workers who did tasks. */
export const userNames = async (db: DbTx, ids: string[]) =>
  new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));

/** Every record of these households, oldest first: a change of the month and what it replaced. */
export const recordsOfHouseholds = (db: DbTx, householdIds: string[]) =>
  db.employmentRecord.findMany({ where: { householdId: { in: householdIds } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: { resident: { select: { name: true } } } });

/** Every community (the background task generates each one's month). */
export const allCommunityIds = async (db: DbTx) => (await db.community.findMany({ select: { id: true } })).map((c) => c.id);
