// /api/access-log: who revealed which protected personal field of whom, when and why (admins).
import { route, routeGroup } from '../http/route.js';
import { exportAccessLog } from './exportAccessLog.js';
import { listAccessLog } from './listAccessLog.js';
import { accessLogFilter, accessLogPage, listAccessLogQuery } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const accessLogRoutes = routeGroup('accessLog', '/api/access-log', '查看记录: every reveal of a full ID number, who, whose, when, why (administrators)', [
  route({
    method: 'get',
    path: '/',
    summary: 'The access log, newest first, by actor, resident and date (administrators)',
    query: listAccessLogQuery,
    response: accessLogPage,
    handler: ({ deps, viewer, query }) => listAccessLog(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/export',
    summary: 'The access log as an .xlsx workbook, with the same filters (administrators)',
    query: accessLogFilter,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, query, ctx }) => {
      const data = await exportAccessLog(deps, viewer, query);
      ctx.type = XLSX;
      ctx.attachment(`查看记录-${deps.clock().toISOString().slice(0, 10)}.xlsx`);
      ctx.body = data;
    },
  }),
]);
