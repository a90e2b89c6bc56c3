// /api/audit: the audit log (操作记录) of administrative changes, read and exported by admins of the scope.
// No route changes an entry: the log is append-only (entries come from recordAdminChange only).
import { route, routeGroup } from '../http/route.js';
import { exportAudit } from './exportAudit.js';
import { listActions, listAudit } from './listAudit.js';
import { auditActions, auditFilter, auditPage, listAuditQuery } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const auditRoutes = routeGroup('audit', '/api/audit', '操作记录: every administrative change, who, when, what, before and after (platform, 县 and 街道 administrators)', [
  route({
    method: 'get',
    path: '/',
    summary: 'The audit log, newest first, by who, action, community and date (platform admin: all; 县/街道 admins: their communities and regions)',
    query: listAuditQuery,
    response: auditPage,
    handler: ({ deps, viewer, query }) => listAudit(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/actions',
    summary: 'The actions recorded in the reader’s scope, with their words (the filter’s choices)',
    response: auditActions,
    handler: ({ deps, viewer }) => listActions(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/export',
    summary: 'The audit log as an .xlsx workbook, with the same filters (at most 50,000 entries)',
    query: auditFilter,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, query, ctx }) => {
      const data = await exportAudit(deps, viewer, query);
      ctx.type = XLSX;
      ctx.attachment(`操作记录-${deps.clock().toISOString().slice(0, 10)}.xlsx`);
      ctx.body = data;
    },
  }),
]);
