// /api/visits: 走访 — care visits to the households the community watches
// (七彩标记): the frequencies, each worker's due list, recording a visit (and a
// need found becoming an order), 1+X pairings, and staff's coverage per grid.
import type { HouseholdTagKind } from '@prisma/client';
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { requestIdOf } from '../http/requestId.js';
import { visitCoverage } from './coverage.js';
import { exportVisits } from './exportVisits.js';
import { dueList } from './dueList.js';
import { householdVisits } from './householdVisits.js';
import { removeVisitOverride, setVisitOverride, setVisitRule, visitRules } from './manageRules.js';
import { overdueList } from './overdueList.js';
import { listPairings, pairHousehold, unpair } from './pairings.js';
import { recordVisit } from './recordVisit.js';
import {
  communityQuery,
  coverageAnswer,
  coverageQuery,
  dueAnswer,
  dueQuery,
  exportVisitsQuery,
  householdParams,
  householdVisits as householdVisitsAnswer,
  overdueAnswer,
  overrideAnswer,
  pairBody,
  pairing,
  pairingsAnswer,
  recordVisitAnswer,
  recordVisitBody,
  rulesAnswer,
  setOverrideBody,
  setRuleBody,
  tagParams,
} from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const visitRoutes = routeGroup('visits', '/api/visits', '走访: care visits to watched households (七彩标记), their frequencies, the due lists, 1+X pairings and coverage per grid', [
  route({
    method: 'get',
    path: '/due',
    summary: "今日走访: the viewer's households overdue, due today and this week (their grids', their 1+X pairs'; staff: their community's), building by building",
    query: dueQuery,
    response: dueAnswer,
    handler: ({ deps, viewer, query }) => dueList(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/',
    summary: 'Record a visit: who was met, how they are, a note, a photo, needs found; optionally file an order for the household (代报). 无人在家 is not a completed visit',
    status: 201,
    body: recordVisitBody,
    response: recordVisitAnswer,
    handler: ({ deps, viewer, body }) => recordVisit(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/households/:householdId',
    summary: "A household's visit schedule and its visits, newest first (its grid's worker, staff, its 1+X pair)",
    params: householdParams,
    response: householdVisitsAnswer,
    handler: ({ deps, viewer, params }) => householdVisits(deps, viewer, params.householdId),
  }),
  route({
    method: 'get',
    path: '/coverage',
    summary: 'Staff: per grid, the households due in a month, visited on time, late, overdue and still to come',
    query: coverageQuery,
    response: coverageAnswer,
    handler: ({ deps, viewer, query }) => visitCoverage(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/export',
    summary: "走访记录: a month's visits as an .xlsx workbook, a sheet per grid — one grid (its worker, staff) or the community (staff); recorded in the audit log",
    query: exportVisitsQuery,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, ctx, query }) => {
      const { data, name } = await exportVisits(deps, viewer, query, requestIdOf(ctx));
      ctx.type = XLSX;
      ctx.attachment(name);
      ctx.body = data;
    },
  }),
  route({
    method: 'get',
    path: '/overdue',
    summary: "Staff: the community's overdue visits, most overdue first",
    query: communityQuery,
    response: overdueAnswer,
    handler: ({ deps, viewer, query }) => overdueList(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/rules',
    summary: "Staff: the community's visit frequency per 七彩 tag, and the households with a frequency of their own",
    query: communityQuery,
    response: rulesAnswer,
    handler: ({ deps, viewer, query }) => visitRules(deps, viewer, query),
  }),
  route({
    method: 'put',
    path: '/rules/:tag',
    summary: 'Staff set how often households with a tag are visited (days; null: that tag needs no visits)',
    params: tagParams,
    body: setRuleBody,
    response: rulesAnswer,
    handler: ({ deps, viewer, params, body }) => setVisitRule(deps, viewer, params.tag as HouseholdTagKind, body),
  }),
  route({
    method: 'put',
    path: '/overrides/:householdId',
    summary: "Staff set one household's own frequency (days; null: 不需要走访), winning over its tags'",
    params: householdParams,
    body: setOverrideBody,
    response: overrideAnswer,
    handler: ({ deps, viewer, params, body }) => setVisitOverride(deps, viewer, params.householdId, body),
  }),
  route({
    method: 'delete',
    path: '/overrides/:householdId',
    summary: "Staff remove a household's own frequency: its tags' applies again",
    params: householdParams,
    response: null,
    handler: async ({ deps, viewer, params }) => removeVisitOverride(deps, viewer, params.householdId),
  }),
  route({
    method: 'get',
    path: '/pairings',
    summary: "Staff: the community's 1+X pairings, and the cadres a household may be paired with",
    query: communityQuery,
    response: pairingsAnswer,
    handler: ({ deps, viewer, query }) => listPairings(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/pairings',
    summary: '1+X 结对帮扶: staff pair a household with a cadre (a staff or 党组织 account), who then visits it too',
    status: 201,
    body: pairBody,
    response: pairing,
    handler: ({ deps, viewer, body }) => pairHousehold(deps, viewer, body),
  }),
  route({
    method: 'delete',
    path: '/pairings/:id',
    summary: 'Staff end a 1+X pairing',
    params: idParams,
    response: null,
    handler: async ({ deps, viewer, params }) => unpair(deps, viewer, params.id),
  }),
]);
