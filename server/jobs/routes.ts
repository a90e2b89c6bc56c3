import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { singleFile, uploadedFile } from '../http/multipart.js';
import { parse } from '../http/validate.js';
import { viewerOf } from '../http/viewer.js';
import { exportLedger, importLedger } from './excel.js';
import { candidatesForJob, listInterests, myInterests, recordOutcome, registerInterest } from './interests.js';
import { employmentStats, listHouseholdEmployment, myHouseholdEmployment, recordStatus, residentHistory } from './ledger.js';
import { closeJob, createJob, getJob, listJobs, updateJob } from './postings.js';
import {
  attendanceBody,
  completeBody,
  createJobBody,
  createTrainingBody,
  enrolBody,
  householdsQuery,
  idParams,
  interestParams,
  listJobsQuery,
  listTrainingsQuery,
  outcomeBody,
  recordStatusBody,
  updateJobBody,
} from './schemas.js';
import { completeTraining, createTraining, enrol, getTraining, listEnrolments, listTrainings, recordAttendance, withdraw } from './trainings.js';

type R = Router<AppState, AppCustom>;

export function jobRoutes(): R {
  const router: R = new Router({ prefix: '/api/jobs' });
  router.get('/', async (ctx) => {
    ctx.body = await listJobs(ctx.deps, viewerOf(ctx), parse(listJobsQuery, ctx.query, 'query'));
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createJob(ctx.deps, viewerOf(ctx), parse(createJobBody, ctx.request.body, 'body'));
  });
  router.get('/interests/mine', async (ctx) => {
    ctx.body = await myInterests(ctx.deps, viewerOf(ctx));
  });
  router.get('/:id', async (ctx) => {
    ctx.body = await getJob(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.patch('/:id', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await updateJob(ctx.deps, viewerOf(ctx), id, parse(updateJobBody, ctx.request.body, 'body'));
  });
  router.post('/:id/close', async (ctx) => {
    ctx.body = await closeJob(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.post('/:id/interest', async (ctx) => {
    ctx.body = await registerInterest(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.get('/:id/interests', async (ctx) => {
    ctx.body = await listInterests(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.post('/:id/interests/:interestId/outcome', async (ctx) => {
    const { id, interestId } = parse(interestParams, ctx.params, 'params');
    const body = parse(outcomeBody, ctx.request.body, 'body');
    ctx.body = await recordOutcome(ctx.deps, viewerOf(ctx), id, interestId, body.outcome, body.recordEmployment);
  });
  router.get('/:id/candidates', async (ctx) => {
    ctx.body = await candidatesForJob(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  return router;
}

export function trainingRoutes(): R {
  const router: R = new Router({ prefix: '/api/trainings' });
  router.get('/', async (ctx) => {
    ctx.body = await listTrainings(ctx.deps, viewerOf(ctx), parse(listTrainingsQuery, ctx.query, 'query'));
  });
  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createTraining(ctx.deps, viewerOf(ctx), parse(createTrainingBody, ctx.request.body, 'body'));
  });
  router.get('/:id', async (ctx) => {
    ctx.body = await getTraining(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.post('/:id/enrol', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    const r = await enrol(ctx.deps, viewerOf(ctx), id, parse(enrolBody, ctx.request.body, 'body').waitlist);
    ctx.status = r.created ? 201 : 200;
    ctx.body = r.enrolment;
  });
  router.post('/:id/withdraw', async (ctx) => {
    ctx.body = await withdraw(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.get('/:id/enrolments', async (ctx) => {
    ctx.body = await listEnrolments(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.post('/:id/attendance', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await recordAttendance(ctx.deps, viewerOf(ctx), id, parse(attendanceBody, ctx.request.body, 'body'));
  });
  router.post('/:id/complete', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await completeTraining(ctx.deps, viewerOf(ctx), id, parse(completeBody, ctx.request.body, 'body').residentIds);
  });
  return router;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function employmentRoutes(): R {
  const router: R = new Router({ prefix: '/api/employment' });
  router.get('/me', async (ctx) => {
    ctx.body = await myHouseholdEmployment(ctx.deps, viewerOf(ctx));
  });
  router.get('/households', async (ctx) => {
    ctx.body = await listHouseholdEmployment(ctx.deps, viewerOf(ctx), parse(householdsQuery, ctx.query, 'query'));
  });
  router.get('/stats', async (ctx) => {
    ctx.body = await employmentStats(ctx.deps, viewerOf(ctx));
  });
  router.get('/residents/:id', async (ctx) => {
    ctx.body = await residentHistory(ctx.deps, viewerOf(ctx), parse(idParams, ctx.params, 'params').id);
  });
  router.post('/residents/:id/status', async (ctx) => {
    const { id } = parse(idParams, ctx.params, 'params');
    ctx.body = await recordStatus(ctx.deps, viewerOf(ctx), id, parse(recordStatusBody, ctx.request.body, 'body'));
  });
  router.post('/import', singleFile(5 * 1024 * 1024), async (ctx) => {
    ctx.body = await importLedger(ctx.deps, viewerOf(ctx), uploadedFile(ctx, 'an .xlsx workbook'));
  });
  router.get('/export', async (ctx) => {
    const data = await exportLedger(ctx.deps, viewerOf(ctx));
    ctx.type = XLSX;
    ctx.attachment(`就业台账-${ctx.deps.clock().toISOString().slice(0, 10)}.xlsx`);
    ctx.body = data;
  });
  return router;
}
