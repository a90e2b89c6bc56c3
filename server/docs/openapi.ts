// The OpenAPI 3.1 document, made from the route declarations themselves
// (server/http/route.ts): what each route takes and answers is the zod schema
// the server validates with, so the document cannot say something the server
// does not do. Built once per process, on first request.
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';
import { fullPath, type AnyRoute, type RouteGroup } from '../http/route.js';

const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'invalid_request, unauthenticated, forbidden, not_found, conflict, invalid_transition, rate_limited…' }),
      message: z.string(),
      reason: z.string().optional().meta({ description: 'A stable machine word for why (sold_out, insufficient_points…): match on it, not on the message' }),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** `/:id/claim` → `/{id}/claim` */
const openApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function operation(group: RouteGroup, r: AnyRoute): ZodOpenApiOperationObject {
  const status = String(r.status ?? (r.response === null && !r.produces ? 204 : 200));
  const signedIn = (r.auth ?? 'viewer') === 'viewer';
  const headers = r.headers
    ? z.object(Object.fromEntries(Object.entries(r.headers).map(([k, h]) => [k, (h.required ? z.string() : z.string().optional()).meta({ description: h.description })])))
    : undefined;
  return {
    operationId: `${r.method}_${fullPath(group, r).replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '')}`,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    tags: [group.name],
    ...(signedIn ? {} : { security: [] }),
    requestParams: {
      ...(r.params ? { path: r.params } : {}),
      ...(r.query ? { query: r.query } : {}),
      ...(headers ? { header: headers } : {}),
    },
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: r.body } } } } : {}),
    ...(r.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: z.object({ [r.upload.field]: z.string().meta({ format: 'binary', description: r.upload.description }) }),
              },
            },
          },
        }
      : {}),
    responses: {
      [status]: {
        description: r.summary,
        ...(r.response ? { content: { 'application/json': { schema: r.response } } } : {}),
        ...(r.produces ? { content: { [r.produces]: { schema: z.string().meta({ format: 'binary' }) } } } : {}),
      },
      default: { description: 'A refusal: 4xx for the caller, 5xx for the server', content: { 'application/json': { schema: errorBody } } },
    },
  };
}

export function buildOpenApiDocument(groups: RouteGroup[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const g of groups) {
    for (const r of g.routes) {
      const p = openApiPath(fullPath(g, r));
      paths[p] = { ...paths[p], [r.method]: operation(g, r) };
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'e家社区 API',
      version: '1',
      description:
        'The API of e家社区: 四单 service orders, the 社区—网格—楼栋 structure, jobs and training, the 积分超市 and notices. ' +
        'Sign in with POST /api/auth/wechat (or /api/auth/dev-login outside production) and send the token as `Authorization: Bearer <token>`.',
    },
    tags: groups.map((g) => ({ name: g.name, description: g.description })),
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  });
}
