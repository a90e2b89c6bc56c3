// /api/points: the households' points ledger, the 积分榜, and the rules by which staff award points.
import { idParams } from '../http/fields.js';
import { routeGroup, route } from '../http/route.js';
import { requireIdempotencyKey } from '../idempotency.js';
import { adjustPoints } from './adjustPoints.js';
import { awardPoints } from './awardPoints.js';
import { leaderboard } from './leaderboard.js';
import { monthlyTotals } from './monthlyTotals.js';
import { pointsHouseholds } from './pointsHouseholds.js';
import { householdLedger, myPoints } from './readLedger.js';
import { createRule, listRules, updateRule } from './rules.js';
import {
  adjustAnswer,
  adjustBody,
  awardAnswer,
  awardBody,
  createRuleBody,
  householdLedgerAnswer,
  leaderboardAnswer,
  leaderboardQuery,
  ledgerQuery,
  monthlyQuery,
  monthlyTotalsAnswer,
  pointsHouseholdPage,
  pointsHouseholdsQuery,
  pointsRuleList,
  pointsSettings,
  settingsBody,
  storedPointsRule,
  updateRuleBody,
} from './schemas.js';
import { getSettings, updateSettings } from './settings.js';

export const pointsRoutes = routeGroup('points', '/api/points', '积分: households earn points by rules staff set, and see their balance, ledger and the 积分榜', [
  route({
    method: 'get',
    path: '/me',
    summary: "My household's balance and ledger, newest first",
    query: ledgerQuery,
    response: householdLedgerAnswer,
    handler: ({ deps, viewer, query }) => myPoints(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/households',
    summary: "Staff: the community's households with their balance, by building and room, sorted and paged (the console's 户积分)",
    query: pointsHouseholdsQuery,
    response: pointsHouseholdPage,
    handler: ({ deps, viewer, query }) => pointsHouseholds(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/households/:id',
    summary: "A household's balance and ledger (the household itself, or its community's staff)",
    params: idParams,
    query: ledgerQuery,
    response: householdLedgerAnswer,
    handler: ({ deps, viewer, params, query }) => householdLedger(deps, viewer, params.id, query),
  }),
  route({
    method: 'get',
    path: '/leaderboard',
    summary: "积分榜: a building's households by points earned this year (my own building by default)",
    query: leaderboardQuery,
    response: leaderboardAnswer,
    handler: ({ deps, viewer, query }) => leaderboard(deps, viewer, query.buildingId, query.limit),
  }),
  route({
    method: 'get',
    path: '/monthly',
    summary: "The community's points earned, redeemed, refunded, expired and adjusted per month (staff)",
    query: monthlyQuery,
    response: monthlyTotalsAnswer,
    handler: ({ deps, viewer, query }) => monthlyTotals(deps, viewer, query.months),
  }),
  route({
    method: 'get',
    path: '/rules',
    summary: "What earns points in the viewer's community",
    response: pointsRuleList,
    handler: ({ deps, viewer }) => listRules(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/rules',
    summary: 'Staff add a rule',
    status: 201,
    body: createRuleBody,
    response: storedPointsRule,
    handler: ({ deps, viewer, body }) => createRule(deps, viewer, body),
  }),
  route({
    method: 'patch',
    path: '/rules/:id',
    summary: 'Staff change or retire a rule',
    params: idParams,
    body: updateRuleBody,
    response: storedPointsRule,
    handler: ({ deps, viewer, params, body }) => updateRule(deps, viewer, params.id, body),
  }),
  route({
    method: 'get',
    path: '/settings',
    summary: "Whether points expire in the viewer's community",
    response: pointsSettings,
    handler: ({ deps, viewer }) => getSettings(deps, viewer),
  }),
  route({
    method: 'put',
    path: '/settings',
    summary: 'Staff set after how many months points expire (null: never)',
    body: settingsBody,
    response: pointsSettings,
    handler: ({ deps, viewer, body }) => updateSettings(deps, viewer, body.expiryMonths),
  }),
  route({
    method: 'post',
    path: '/awards',
    summary: 'Staff award points by a rule to one household or many (a monthly cap is honoured per household)',
    headers: {
      'idempotency-key': { description: 'Optional: the same key again books nothing twice (a batch retried after a dropped connection)' },
    },
    body: awardBody,
    response: awardAnswer,
    handler: ({ deps, viewer, body, ctx }) => {
      const key = ctx.get('idempotency-key') || undefined;
      return awardPoints(deps, viewer, body, key && requireIdempotencyKey(key));
    },
  }),
  route({
    method: 'post',
    path: '/adjustments',
    summary: "Staff correct a household's balance with a new entry (never below zero)",
    body: adjustBody,
    response: adjustAnswer,
    handler: ({ deps, viewer, body }) => adjustPoints(deps, viewer, body),
  }),
]);
