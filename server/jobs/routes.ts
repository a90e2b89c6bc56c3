// /api/jobs: staff publish postings; residents browse them (the ones fitting
// their trades first, then nearest) and register interest with one tap (我有意向);
// staff call them back and mark who was hired.
import { idParams } from '../http/fields.js';
import { routeGroup, route } from '../http/route.js';
import { candidatesForJob } from './candidatesForJob.js';
import { getJob } from './getJob.js';
import { listInterests } from './listInterests.js';
import { listJobs } from './listJobs.js';
import { managedPostings } from './managedPostings.js';
import { closeJob, createJob, updateJob } from './managePostings.js';
import { myInterests } from './myInterests.js';
import { recordOutcome } from './recordOutcome.js';
import { registerInterest } from './registerInterest.js';
import {
  candidates,
  createJobBody,
  interestParams,
  interestRows,
  jobDetail,
  jobInterest,
  jobList,
  jobPosting,
  listJobsQuery,
  managedPostingPage,
  managePostingsQuery,
  myInterestList,
  outcomeBody,
  outcomeResult,
  updateJobBody,
} from './schemas.js';

export const jobRoutes = routeGroup('jobs', '/api/jobs', '就业岗位: postings of the community, 我有意向, and hires that go into the employment ledger', [
  route({
    method: 'get',
    path: '/',
    summary: "Open postings of the viewer's community: fitting their trades first, then nearest, then newest",
    query: listJobsQuery,
    response: jobList,
    handler: ({ deps, viewer, query }) => listJobs(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/',
    summary: 'Staff publish a posting to the community',
    status: 201,
    body: createJobBody,
    response: jobPosting,
    handler: ({ deps, viewer, body }) => createJob(deps, viewer, body),
  }),
  // before /:id, which would take "manage" for an id
  route({
    method: 'get',
    path: '/manage',
    summary: "Staff: the community's postings, open and closed, filtered, searched, sorted and paged (the console's table)",
    query: managePostingsQuery,
    response: managedPostingPage,
    handler: ({ deps, viewer, query }) => managedPostings(deps, viewer, query),
  }),
  // before /:id, which would take "interests" for an id
  route({
    method: 'get',
    path: '/interests/mine',
    summary: 'The postings the resident registered for, and what came of each',
    response: myInterestList,
    handler: ({ deps, viewer }) => myInterests(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: 'One posting, with how many registered and whether the viewer did',
    params: idParams,
    response: jobDetail,
    handler: ({ deps, viewer, params }) => getJob(deps, viewer, params.id),
  }),
  route({
    method: 'patch',
    path: '/:id',
    summary: 'Staff edit a posting',
    params: idParams,
    body: updateJobBody,
    response: jobPosting,
    handler: ({ deps, viewer, params, body }) => updateJob(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/close',
    summary: 'Staff close a posting',
    params: idParams,
    response: jobPosting,
    handler: ({ deps, viewer, params }) => closeJob(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/interest',
    summary: '我有意向: the resident registers interest (a second tap is the same interest)',
    params: idParams,
    response: jobInterest,
    handler: ({ deps, viewer, params }) => registerInterest(deps, viewer, params.id),
  }),
  route({
    method: 'get',
    path: '/:id/interests',
    summary: 'Staff: who registered, with a phone to call them back',
    params: idParams,
    response: interestRows,
    handler: ({ deps, viewer, params }) => listInterests(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/interests/:interestId/outcome',
    summary: 'Staff mark hired or not hired; a hire goes into the employment ledger',
    params: interestParams,
    body: outcomeBody,
    response: outcomeResult,
    handler: ({ deps, viewer, params, body }) => recordOutcome(deps, viewer, params.id, params.interestId, body),
  }),
  route({
    method: 'get',
    path: '/:id/candidates',
    summary: 'Staff: residents seeking work whose trades fit the posting',
    params: idParams,
    response: candidates,
    handler: ({ deps, viewer, params }) => candidatesForJob(deps, viewer, params.id),
  }),
]);
