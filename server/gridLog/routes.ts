// /api/grid-log: 民情日志, a grid's running log of what its workers saw and heard,
// linked to households and orders, searched, and exported for the monthly report.
import { idParams } from '../http/fields.js';
import { routeGroup, route } from '../http/route.js';
import { exportMonth } from './exportMonth.js';
import { getEntry, listEntries } from './listEntries.js';
import { entriesQuery, exportQuery, gridLogEntry, gridLogPage, writeEntryBody } from './schemas.js';
import { writeEntry } from './writeEntry.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const gridLogRoutes = routeGroup('gridLog', '/api/grid-log', "民情日志: a grid's running log by its workers, read by the grid's workers and community staff", [
  route({
    method: 'post',
    path: '/',
    summary: "A grid worker writes an entry of their grid's log (text, kind, optional photo, households and orders of the grid)",
    status: 201,
    body: writeEntryBody,
    response: gridLogEntry,
    handler: ({ deps, viewer, body }) => writeEntry(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/',
    summary: 'Entries in reach, newest first: by words, kind, grid, household and dates',
    query: entriesQuery,
    response: gridLogPage,
    handler: ({ deps, viewer, query }) => listEntries(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/export',
    summary: "A month's entries as an .xlsx workbook, a sheet per grid (the monthly report)",
    query: exportQuery,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, ctx, query }) => {
      const data = await exportMonth(deps, viewer, query);
      ctx.type = XLSX;
      ctx.attachment(`民情日志-${query.month}.xlsx`);
      ctx.body = data;
    },
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: 'One entry',
    params: idParams,
    response: gridLogEntry,
    handler: ({ deps, viewer, params }) => getEntry(deps, viewer, params.id),
  }),
]);
