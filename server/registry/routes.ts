// /api/registry: the 户籍台账 in and out of Excel, for administrators. A folder
// of its own (not server/org) because the import is a workflow with a table of
// its own (the stored previews) and the Excel plumbing; every write of the org
// tables still goes through server/org/index.ts, and statuses through employment's.
import { requestIdOf } from '../http/requestId.js';
import { singleFileOnDisk, uploadedFilePath } from '../http/multipart.js';
import { route, routeGroup } from '../http/route.js';
import type { AppContext } from '../context.js';
import { confirmImport } from './confirmImport.js';
import { exportRegistry, registryTemplate } from './exportRegistry.js';
import { getImport } from './getImport.js';
import { listCommunities } from './listCommunities.js';
import { previewImport } from './previewImport.js';
import { workbookAt } from './workbookBytes.js';
import { communityList, communityParams, exportQuery, importParams, registryImport } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A county's 300,000 people are ~15 MB as .xlsx; read as a stream, the bytes are all that is held. */
const MAX_WORKBOOK_BYTES = 40 * 1024 * 1024;

/** The upload's file name as typed (multer reads it as Latin-1), cut short; only shown back to the admin. */
function fileNameOf(ctx: AppContext): string {
  const raw = (ctx as unknown as { file?: { originalname?: string } }).file?.originalname ?? '';
  const name = Buffer.from(raw, 'latin1').toString('utf8').replace(/[\u0000-\u001f]/g, '');
  return (name || '户籍台账.xlsx').slice(0, 100);
}

function sendWorkbook(ctx: AppContext, data: Buffer, name: string) {
  ctx.type = XLSX;
  ctx.attachment(name);
  ctx.body = data;
}

export const registryRoutes = routeGroup('registry', '/api/registry', '户籍台账: a community\'s buildings, households and people in and out of Excel, with a dry run before anything is written (administrators)', [
  route({
    method: 'get',
    path: '/communities',
    summary: 'The communities whose registry the viewer administers, with their households and people',
    response: communityList,
    handler: ({ deps, viewer }) => listCommunities(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/communities/:communityId/template',
    summary: 'The empty 户籍台账 template (.xlsx): 楼栋单元 and 户籍人口 sheets, a comment on each header, drop-down lists of the community\'s grids and buildings, relations, tags and statuses',
    params: communityParams,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, params, ctx }) => {
      const t = await registryTemplate(deps, viewer, params.communityId);
      sendWorkbook(ctx, t.file, `户籍台账模板-${t.community}.xlsx`);
    },
  }),
  route({
    method: 'post',
    path: '/communities/:communityId/imports',
    summary: 'Upload a 户籍台账 workbook for a dry run: every row checked, nothing written; the preview (new / changed / unchanged / missing, bad rows) is stored for the confirm',
    status: 201,
    params: communityParams,
    use: [singleFileOnDisk(MAX_WORKBOOK_BYTES)],
    upload: { field: 'file', description: 'An .xlsx workbook in the template\'s columns (at most 40 MB)' },
    response: registryImport,
    handler: ({ deps, viewer, params, ctx }) => previewImport(deps, viewer, params.communityId, workbookAt(uploadedFilePath(ctx, 'an .xlsx workbook')), fileNameOf(ctx)),
  }),
  route({
    method: 'get',
    path: '/imports/:id',
    summary: 'A stored preview, and what its confirm wrote',
    params: importParams,
    response: registryImport,
    handler: ({ deps, viewer, params }) => getImport(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/imports/:id/confirm',
    summary: 'Apply exactly what the preview showed, in one transaction; 409 when the registry changed since the dry run (preview again)',
    params: importParams,
    response: registryImport,
    handler: ({ deps, viewer, params, ctx }) => confirmImport(deps, viewer, params.id, requestIdOf(ctx)),
  }),
  route({
    method: 'get',
    path: '/communities/:communityId/export',
    summary: 'The whole registry as an .xlsx workbook in the template\'s columns, ID numbers in full: every person in it is written to the access log with the reason',
    params: communityParams,
    query: exportQuery,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, params, query, ctx }) => {
      const e = await exportRegistry(deps, viewer, params.communityId, query.reason, requestIdOf(ctx));
      sendWorkbook(ctx, e.file, `户籍台账-${e.community}-${deps.clock().toISOString().slice(0, 10)}.xlsx`);
    },
  }),
]);
