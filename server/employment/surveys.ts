// 就业摸底: every month each household with working-age members gets a survey task;
// its grid's worker confirms "无变化" in one tap or records what changed, which writes
// the 就业台账 (source `survey`) keeping its history. Staff generate the month (or the
// background task does, on the 1st), follow each grid's progress, and see the
// households whose employment changed this month.
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { canListEmployment, canRecordEmployment, mustReveal, relationsTo, surveyStaffCommunity, surveyTaskScope } from '../policies/index.js';
import { householdEmployment } from './households.js';
import { ledgerYear, WORKING_AGE } from './ledger.js';
import { presentHouseholdTo, presentRecord } from './presenter.js';
import { gridsOf } from './queries.js';
import { recordSituation } from './recordSituation.js';
import type { SurveyChangesBody, SurveyTasksQuery } from './schemas.js';
import {
  allCommunityIds,
  createSurvey,
  finishTask,
  householdsToSurvey,
  insertTasks,
  membersOf,
  recordsOfHouseholds,
  surveyOf,
  taskHouseholdsOf,
  taskInScope,
  tasksByGridAndStatus,
  tasksWhere,
  userNames,
} from './surveyQueries.js';

const CHINA = 8 * 3600_000;
/** The month a moment falls in, China time ("2026-12"). */
export const monthOf = (d: Date) => new Date(d.getTime() + CHINA).toISOString().slice(0, 7);
/** The month's first moment and the next month's, China time. */
function monthRange(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1) - CHINA), to: new Date(Date.UTC(y, m, 1) - CHINA) };
}

/**
 * The month's survey of a community and a task for each household with working-age
 * members that has none yet: generating a month again adds only households new since.
 */
export async function generateSurvey(deps: Deps, p: { communityId: string; month: string; createdById: string | null }) {
  const now = deps.clock();
  const year = Number(p.month.slice(0, 4));
  const attempt = () =>
    deps.db.$transaction(async (tx) => {
      const survey = (await surveyOf(tx, p.communityId, p.month)) ?? (await createSurvey(tx, { ...p, createdAt: now }));
      const have = await taskHouseholdsOf(tx, survey.id);
      const missing = (await householdsToSurvey(tx, p.communityId, year)).filter((h) => !have.has(h.id));
      if (missing.length) {
        await insertTasks(
          tx,
          missing.map((h) => ({ surveyId: survey.id, communityId: p.communityId, gridId: h.building.gridId, householdId: h.id, month: p.month, createdAt: now })),
        );
      }
      return { month: p.month, created: missing.length, total: have.size + missing.length };
    });
  // two generating at once (staff and the 1st's task): the second waits on the unique keys, then finds the first's rows
  try {
    return await attempt();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return attempt();
  }
}

/** Staff generate a month (this month when none is named). */
export async function generateSurveyFor(deps: Deps, v: Viewer, month: string | undefined) {
  const communityId = surveyStaffCommunity(v);
  return generateSurvey(deps, { communityId, month: month ?? monthOf(deps.clock()), createdById: v.userId });
}

/** The background task: this month's survey for every community (on the 1st it is a new month; after that, nothing to do). */
export async function generateMonthlySurveys(deps: Deps) {
  const month = monthOf(deps.clock());
  let created = 0;
  for (const communityId of await allCommunityIds(deps.db)) {
    // once generated, the hourly run reads one row per community (households that move in later: staff generate again)
    if (await surveyOf(deps.db, communityId, month)) continue;
    created += (await generateSurvey(deps, { communityId, month, createdById: null })).created;
  }
  return { tasksCreated: created };
}

/** Progress per grid (done/total), and the households whose employment changed this month with what changed. */
export async function surveyProgress(deps: Deps, v: Viewer, month: string) {
  const communityId = surveyStaffCommunity(v);
  const survey = await surveyOf(deps.db, communityId, month);
  const grids = await gridsOf(deps.db, communityId);
  const counts = survey ? await tasksByGridAndStatus(deps.db, survey.id) : [];
  const count = (gridId: string | null, status?: string) =>
    counts.filter((c) => (gridId === null || c.gridId === gridId) && (!status || c.status === status)).reduce((s, c) => s + c._count._all, 0);
  const figures = (gridId: string | null) => {
    const total = count(gridId);
    const done = total - count(gridId, 'pending');
    return { total, done, changed: count(gridId, 'changed') };
  };

  const changedTasks = survey ? await tasksWhere(deps.db, { surveyId: survey.id, status: 'changed' }) : [];
  const households = await householdEmployment(deps, { id: { in: changedTasks.map((t) => t.householdId) } }, { year: ledgerYear(deps) });
  const records = await recordsOfHouseholds(deps.db, changedTasks.map((t) => t.householdId));
  const names = await userNames(deps.db, changedTasks.flatMap((t) => (t.doneById ? [t.doneById] : [])));
  const { from, to } = monthRange(month);
  const changed = households.map((h) => {
    const task = changedTasks.find((t) => t.householdId === h.id)!;
    const seen = relationsTo(v, h.place);
    const mine = records.filter((r) => r.householdId === h.id);
    const changes = mine
      .filter((r) => r.source === 'survey' && r.createdAt >= from && r.createdAt < to)
      .map((r) => {
        const before = mine.filter((x) => x.residentId === r.residentId && (x.createdAt < r.createdAt || (x.createdAt.getTime() === r.createdAt.getTime() && x.id < r.id))).at(-1);
        return { resident: { id: r.residentId, name: mustReveal(seen, 'name', r.resident.name) }, before: before ? presentRecord(before) : null, after: presentRecord(r) };
      });
    return { household: presentHouseholdTo(v, h), doneBy: task.doneById ? (names.get(task.doneById) ?? null) : null, doneAt: task.doneAt, changes };
  });
  changed.sort((a, b) => (a.household.building + a.household.room).localeCompare(b.household.building + b.household.room, 'zh'));
  return {
    month,
    generated: !!survey,
    community: figures(null),
    grids: grids.map((g) => ({ id: g.id, name: g.name, ...figures(g.id) })),
    changed,
  };
}

const isWorkingAge = (year: number, birthYear: number | null) => birthYear !== null && year - birthYear >= WORKING_AGE.from && year - birthYear <= WORKING_AGE.to;

/** A page of the month's tasks in the viewer's reach, by place, each with its household's members and whether it is a 零就业家庭. */
export async function surveyTasks(deps: Deps, v: Viewer, month: string, q: SurveyTasksQuery) {
  if (!canListEmployment(v)) throw forbidden("only the grid's workers and community staff do the 就业摸底");
  const scope = surveyTaskScope(v);
  const where = { AND: [scope, { month }, q.gridId ? { gridId: q.gridId } : {}, q.status ? { status: q.status } : {}] };
  const tasks = await tasksWhere(deps.db, where);
  const year = ledgerYear(deps);
  // by place (building, unit, room), as the worker walks and staff read a ledger; only the page is
  // loaded, but for 零就业家庭, which are known once every household's members are
  const inTasks = { id: { in: tasks.map((t) => t.householdId) } };
  let page, total;
  if (q.zeroEmployment) {
    const zero = (await householdEmployment(deps, inTasks, { year })).filter((h) => h.zeroEmployment);
    [page, total] = [zero.slice(q.offset, q.offset + q.limit), zero.length];
  } else {
    [page, total] = [await householdEmployment(deps, inTasks, { year, take: q.limit, skip: q.offset }), tasks.length];
  }
  const byHousehold = new Map(tasks.map((t) => [t.householdId, t]));
  const names = await userNames(deps.db, page.flatMap((h) => byHousehold.get(h.id)?.doneById ?? []));
  return {
    month,
    total,
    items: page.map((h) => {
      const t = byHousehold.get(h.id)!;
      const shown = presentHouseholdTo(v, h);
      return {
        id: t.id,
        status: t.status,
        doneBy: t.doneById ? (names.get(t.doneById) ?? null) : null,
        doneAt: t.doneAt,
        household: { ...shown, members: shown.members.filter((m) => isWorkingAge(year, m.birthYear) || m.status !== null) },
      };
    }),
  };
}

/** The task in the viewer's reach that they may do (the grid's worker, staff), else 404/403. */
async function taskToDo(deps: Deps, v: Viewer, id: string) {
  const task = await taskInScope(deps.db, id, surveyTaskScope(v));
  if (!task) throw notFound('survey task');
  if (!canRecordEmployment(v, { communityId: task.communityId, gridId: task.gridId })) throw forbidden("only the grid's worker and community staff do the 就业摸底");
  return task;
}

/** "无变化": the household's situation is as the ledger says; nothing is written to the ledger. */
export async function markUnchanged(deps: Deps, v: Viewer, id: string) {
  const task = await taskToDo(deps, v, id);
  await finishTask(deps.db, task.id, 'unchanged', v.userId, deps.clock());
  const after = (await taskInScope(deps.db, id, surveyTaskScope(v)))!;
  return { id: after.id, status: after.status, doneAt: after.doneAt, records: [] };
}

/**
 * What changed: a new ledger record (source `survey`) for each member whose situation
 * is not what the ledger says; the old record stays, no longer current. A change that
 * is what the ledger already says writes nothing; all such: the task is "无变化".
 */
export async function recordChanges(deps: Deps, v: Viewer, id: string, body: SurveyChangesBody) {
  const task = await taskToDo(deps, v, id);
  const members = await membersOf(deps.db, task.householdId);
  body.changes.forEach((c, i) => {
    if (!members.some((m) => m.id === c.residentId)) throw badRequest(`body.changes.${i}.residentId`, 'not a member of this household');
  });
  if (new Set(body.changes.map((c) => c.residentId)).size !== body.changes.length) throw badRequest('body.changes', 'one change per member');
  const now = deps.clock();
  const written = await deps.db.$transaction(async (tx) => {
    const out = [];
    for (const { residentId, ...situation } of body.changes) {
      const r = await recordSituation(tx, { communityId: task.communityId, householdId: task.householdId, residentId, recordedById: v.userId, source: 'survey', at: now }, situation);
      if (r.changed) out.push(r.record);
    }
    await finishTask(tx, task.id, out.length ? 'changed' : 'unchanged', v.userId, now);
    return out;
  });
  const after = (await taskInScope(deps.db, id, surveyTaskScope(v)))!;
  return { id: after.id, status: after.status, doneAt: after.doneAt, records: written.map((r) => ({ residentId: r.residentId, ...presentRecord(r) })) };
}
