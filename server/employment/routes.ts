// /api/employment: the 就业台账, a person's situation and its history, the
// households with nobody in work, the figures, and the ledger in and out of Excel.
import { idParams } from '../http/fields.js';
import { singleFile, uploadedFile } from '../http/multipart.js';
import { routeGroup, route } from '../http/route.js';
import { employmentStats } from './employmentStats.js';
import { exportLedger } from './exportLedger.js';
import { importLedger } from './importLedger.js';
import { listHouseholdEmployment } from './listHouseholds.js';
import { myHouseholdEmployment } from './myHousehold.js';
import { recordStatus, residentHistory } from './residentEmployment.js';
import { generateSurveyFor, markUnchanged, recordChanges, surveyProgress, surveyTasks } from './surveys.js';
import {
  employmentHousehold,
  employmentHouseholdPage,
  employmentStatsAnswer,
  householdsQuery,
  importQuery,
  importResult,
  recordStatusAnswer,
  recordStatusBody,
  residentHistoryAnswer,
  generateSurveyAnswer,
  generateSurveyBody,
  surveyChangesBody,
  surveyMonthParams,
  surveyProgressAnswer,
  surveyTaskDone,
  surveyTaskPage,
  surveyTasksQuery,
} from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const employmentRoutes = routeGroup('employment', '/api/employment', '就业台账: each person\'s employment situation and its history, 零就业家庭, the figures per grid, the ledger in and out of Excel', [
  route({
    method: 'get',
    path: '/me',
    summary: "The resident's own household: each member's situation",
    response: employmentHousehold,
    handler: ({ deps, viewer }) => myHouseholdEmployment(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/households',
    summary: "Households in the viewer's scope with each member's situation, or only the 零就业家庭 (grid workers and staff)",
    query: householdsQuery,
    response: employmentHouseholdPage,
    handler: ({ deps, viewer, query }) => listHouseholdEmployment(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/stats',
    summary: '就业率, 户均就业人数 and 零就业家庭 of the community and each grid (staff)',
    response: employmentStatsAnswer,
    handler: ({ deps, viewer }) => employmentStats(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/residents/:id',
    summary: "A person's employment history, newest first",
    params: idParams,
    response: residentHistoryAnswer,
    handler: ({ deps, viewer, params }) => residentHistory(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/residents/:id/status',
    summary: "The grid's worker or staff record a person's situation; the same again changes nothing",
    params: idParams,
    body: recordStatusBody,
    response: recordStatusAnswer,
    handler: ({ deps, viewer, params, body }) => recordStatus(deps, viewer, params.id, body),
  }),
  // --- 就业摸底: the monthly survey ---
  route({
    method: 'post',
    path: '/surveys',
    summary: "Staff generate a month's 就业摸底 (this month when none is named): a task per household with working-age members; again, only households new since",
    body: generateSurveyBody,
    response: generateSurveyAnswer,
    handler: ({ deps, viewer, body }) => generateSurveyFor(deps, viewer, body.month),
  }),
  route({
    method: 'get',
    path: '/surveys/:month',
    summary: "A month's progress per grid (done/total) and the households whose employment changed (staff)",
    params: surveyMonthParams,
    response: surveyProgressAnswer,
    handler: ({ deps, viewer, params }) => surveyProgress(deps, viewer, params.month),
  }),
  route({
    method: 'get',
    path: '/surveys/:month/tasks',
    summary: "The month's household tasks in reach (the grid's worker: their grid; staff: the community), by place, 零就业家庭 flagged",
    params: surveyMonthParams,
    query: surveyTasksQuery,
    response: surveyTaskPage,
    handler: ({ deps, viewer, params, query }) => surveyTasks(deps, viewer, params.month, query),
  }),
  route({
    method: 'post',
    path: '/survey-tasks/:id/unchanged',
    summary: '"无变化": the household is as the ledger says; nothing is written to the ledger',
    params: idParams,
    response: surveyTaskDone,
    handler: ({ deps, viewer, params }) => markUnchanged(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/survey-tasks/:id/changes',
    summary: "What changed in the household: a new ledger record per member (source survey), the old one kept in the history",
    params: idParams,
    body: surveyChangesBody,
    response: surveyTaskDone,
    handler: ({ deps, viewer, params, body }) => recordChanges(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/import',
    summary: 'Staff import the ledger from Excel: good rows go in, bad rows come back with their number and reason (dryRun: the same answer, nothing written)',
    use: [singleFile(5 * 1024 * 1024)],
    upload: {
      field: 'file',
      description: 'An .xlsx workbook (at most 5 MB): 姓名, 就业状态, and 身份证号 or 楼栋/单元/房号; optionally 就业单位, 开始时间, 意向工种, 备注',
    },
    query: importQuery,
    response: importResult,
    handler: ({ deps, viewer, ctx, query }) => importLedger(deps, viewer, uploadedFile(ctx, 'an .xlsx workbook'), query.dryRun),
  }),
  route({
    method: 'get',
    path: '/export',
    summary: "Staff export the community's ledger as an .xlsx workbook, in the columns the import reads",
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, ctx }) => {
      const data = await exportLedger(deps, viewer);
      ctx.type = XLSX;
      ctx.attachment(`就业台账-${deps.clock().toISOString().slice(0, 10)}.xlsx`);
      ctx.body = data;
    },
  }),
]);
