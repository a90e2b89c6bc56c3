// GET /api/openapi.json (the document) and GET /api/docs (Swagger UI, served
// from the swagger-ui-dist package on this server: nothing is fetched from a CDN,
// and helmet's CSP holds because the page has no inline script).
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { notFound } from '../errors.js';
import { route, routeGroup, type RouteGroup } from '../http/route.js';
import { buildOpenApiDocument } from './openapi.js';

const require = createRequire(import.meta.url);
const swaggerDir = () => path.dirname(require.resolve('swagger-ui-dist/package.json'));

// a Map, not an object: a file named `__proto__` must not find Object.prototype (fuzzing found that 500)
const ASSETS = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'application/javascript; charset=utf-8'],
]);

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>e家社区 API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#api', deepLinking: true, persistAuthorization: true });\n`;

export function docsRoutes(groups: RouteGroup[]): RouteGroup {
  let document: unknown;
  const all = () => [...groups, self];
  const self: RouteGroup = routeGroup('docs', '/api', 'This document and its readable page', [
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'The OpenAPI 3.1 document of every route',
      auth: 'public',
      response: z.record(z.string(), z.unknown()),
      handler: () => (document ??= buildOpenApiDocument(all())) as Record<string, unknown>,
    }),
    route({
      method: 'get',
      path: '/docs',
      summary: 'The API document as a readable page (Swagger UI)',
      auth: 'public',
      response: null,
      produces: 'text/html',
      handler: ({ ctx }) => {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = PAGE;
      },
    }),
    route({
      method: 'get',
      path: '/docs/assets/:file',
      summary: "The docs page's script and style",
      auth: 'public',
      params: z.object({ file: z.string().max(40) }),
      response: null,
      produces: 'application/javascript',
      handler: async ({ ctx, params }) => {
        ctx.set('Cache-Control', 'public, max-age=86400');
        if (params.file === 'init.js') {
          ctx.type = 'application/javascript; charset=utf-8';
          ctx.body = INIT;
          return;
        }
        const type = ASSETS.get(params.file);
        if (!type) throw notFound('file');
        ctx.type = type;
        ctx.body = await fs.readFile(path.join(swaggerDir(), params.file));
      },
    }),
  ]);
  return self;
}
