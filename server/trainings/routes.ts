// /api/trainings: 以岗定培. Staff schedule courses against the community's
// vacancies; residents enrol up to capacity, then onto a waiting list; staff
// keep the roster, mark attendance and completion (which may earn points).
import { idParams } from '../http/fields.js';
import { routeGroup, route } from '../http/route.js';
import { completeTraining } from './completeTraining.js';
import { enrol } from './enrol.js';
import { getTraining } from './getTraining.js';
import { listTrainings } from './listTrainings.js';
import { managedTrainings } from './managedTrainings.js';
import { recordAttendance } from './recordAttendance.js';
import { listEnrolments } from './roster.js';
import { createTraining } from './scheduleTraining.js';
import {
  attendanceBody,
  attendanceResult,
  completeBody,
  completeResult,
  createTrainingBody,
  enrolBody,
  enrolment,
  listTrainingsQuery,
  managedTrainingPage,
  manageTrainingsQuery,
  roster,
  trainingForViewer,
  trainingList,
  trainingWithJobs,
  withdrawResult,
} from './schemas.js';
import { withdraw } from './withdraw.js';

export const trainingRoutes = routeGroup('trainings', '/api/trainings', '技能培训 (以岗定培): courses, enrolment with a waiting list, the roster, attendance and completion', [
  route({
    method: 'get',
    path: '/',
    summary: "Upcoming courses of the viewer's community, the ones in their trades first",
    query: listTrainingsQuery,
    response: trainingList,
    handler: ({ deps, viewer, query }) => listTrainings(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/',
    summary: "Staff schedule a course, linked to the community's postings it trains for",
    status: 201,
    body: createTrainingBody,
    response: trainingWithJobs,
    handler: ({ deps, viewer, body }) => createTraining(deps, viewer, body),
  }),
  // before /:id, which would take "manage" for an id
  route({
    method: 'get',
    path: '/manage',
    summary: "Staff: the community's courses, past and cancelled too, filtered, searched, sorted and paged (the console's table)",
    query: manageTrainingsQuery,
    response: managedTrainingPage,
    handler: ({ deps, viewer, query }) => managedTrainings(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: "One course, with the viewer's enrolment and place on the waiting list",
    params: idParams,
    response: trainingForViewer,
    handler: ({ deps, viewer, params }) => getTraining(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/enrol',
    summary: 'The resident signs up: a seat while there is one, else the waiting list when asked (201; 200 for a repeated tap)',
    status: 201,
    params: idParams,
    body: enrolBody,
    response: enrolment,
    handler: async ({ deps, viewer, params, body, ctx }) => {
      const r = await enrol(deps, viewer, params.id, body.waitlist);
      // a repeated tap answers with what the first one did, and created nothing
      if (!r.created) ctx.status = 200;
      return r.enrolment;
    },
  }),
  route({
    method: 'post',
    path: '/:id/withdraw',
    summary: 'The resident leaves the course; the seat goes to the first on the waiting list',
    params: idParams,
    response: withdrawResult,
    handler: ({ deps, viewer, params }) => withdraw(deps, viewer, params.id),
  }),
  route({
    method: 'get',
    path: '/:id/enrolments',
    summary: 'Staff: the roster, with attendance and completion',
    params: idParams,
    response: roster,
    handler: ({ deps, viewer, params }) => listEnrolments(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/attendance',
    summary: 'Staff mark who came on a day; marking the same day again corrects it',
    params: idParams,
    body: attendanceBody,
    response: attendanceResult,
    handler: ({ deps, viewer, params, body }) => recordAttendance(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/complete',
    summary: "Staff mark who completed the course; where the community has a training_completed rule, each household earns its points once",
    params: idParams,
    body: completeBody,
    response: completeResult,
    handler: ({ deps, viewer, params, body }) => completeTraining(deps, viewer, params.id, body.residentIds),
  }),
]);
