// /api/oversight: the communities under a 街道 or 县 side by side, the monthly 通报
// ranking, and one community's figures. Read-only; aggregates only, never a person.
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { compareCommunities } from './compare.js';
import { communityFigures } from './drillDown.js';
import { exportRanking } from './exportRanking.js';
import { compareAnswer, compareQuery, drillDownAnswer, drillDownQuery } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const oversightRoutes = routeGroup('oversight', '/api/oversight', '街道/县 oversight: communities side by side for a month, the 通报 ranking, a community’s figures (aggregates only)', [
  route({
    method: 'get',
    path: '/communities',
    summary: 'The communities under the viewer’s 街道/县 side by side for a month: orders, 就业, points, 综合得分 and rank (region roles, platform admin)',
    query: compareQuery,
    response: compareAnswer,
    handler: ({ deps, viewer, query }) => compareCommunities(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/communities/:id',
    summary: 'One community’s figures for a month, per grid, and its last six months (the drill-down)',
    params: idParams,
    query: drillDownQuery,
    response: drillDownAnswer,
    handler: ({ deps, viewer, params, query }) => communityFigures(deps, viewer, params.id, query.month),
  }),
  route({
    method: 'get',
    path: '/ranking/export',
    summary: 'The month’s 通报: the communities ranked by 综合得分, as an .xlsx workbook',
    query: compareQuery,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, query, ctx }) => {
      const { month, data } = await exportRanking(deps, viewer, query);
      ctx.type = XLSX;
      ctx.attachment(`社区通报-${month}.xlsx`);
      ctx.body = data;
    },
  }),
]);
