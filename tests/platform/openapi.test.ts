// The API document (GET /api/openapi.json) and its page (GET /api/docs): a valid
// OpenAPI 3.1 document that lists every route the app mounts, says which need a
// bearer token, and a page served whole from this server. And the response check
// that keeps the document honest (server/http/route.ts): an answer with a field
// its schema does not declare is a 500 naming the field.
import type { AddressInfo } from 'node:net';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Koa from 'koa';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCustom, AppState, Deps } from '../../server/context.js';
import { errorMiddleware } from '../../server/errors.js';
import { isoDate } from '../../server/http/fields.js';
import { buildRouter, route, routeGroup } from '../../server/http/route.js';
import type { Logger } from '../../server/logger.js';
import { routerRoutes } from '../reliability/routes.js';
import { startServer, type TestServer } from '../support/server.js';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: unknown }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  tags?: Array<{ name: string }>;
  security?: Array<Record<string, string[]>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** What anyone may call without a token. */
const PUBLIC = [
  // signing in is how one gets a token; signing out ends the session of whatever token is sent, if any
  'POST /api/auth/wechat',
  'POST /api/auth/dev-login',
  'POST /api/auth/dev-login/console',
  'POST /api/auth/password',
  'POST /api/auth/password/totp',
  'POST /api/auth/logout',
  // 扫码登录: a browser asks for a code and polls it (the nonce cookie, not a token, ties them)
  'POST /api/auth/qr',
  'GET /api/auth/qr/{ticket}',
  // WeChat's message push: signed by WeChat with the push token
  'GET /api/wechat/push',
  'POST /api/wechat/push',
  // a photo: its signed URL is the credential (auth 'self': the handler checks the signature or a bearer token)
  'GET /api/uploads/{id}',
  // a load balancer's question
  'GET /api/health',
  // the document and its page
  'GET /api/openapi.json',
  'GET /api/docs',
  'GET /api/docs/assets/{file}',
  // Open311 GeoReport v2: no session, an integration's api_key in the query or body (server/open311/keys.ts
  // requireKey; each operation's description says so); refused without one in tests/open311/
  'GET /open311/v2/services.{format}',
  'GET /open311/v2/requests.{format}',
  'GET /open311/v2/requests/{id}.{format}',
  'POST /open311/v2/requests.{format}',
];

let s: TestServer;
let doc: Document;

beforeAll(async () => {
  s = await startServer();
  const r = await s.request<Document>('GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  doc = r.body;
});
afterAll(() => s?.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, method: m.toUpperCase(), path: p, op })),
  );

/** Every value in the document, with its JSON pointer. */
function* walk(v: unknown, at = '#'): Generator<[string, unknown]> {
  yield [at, v];
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) yield* walk(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function pointer(root: unknown, ref: string): unknown {
  let at: unknown = root;
  for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!at || typeof at !== 'object' || !(key in at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

describe('the API document', () => {
  // No maintained OpenAPI validator is installed (@readme/openapi-parser, @apidevtools/swagger-parser), nor the
  // OpenAPI 3.1 JSON schema: the document's structure is checked here, and each of its schemas with ajv's
  // JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses).
  it('is an OpenAPI 3.1 document: operations with responses, path parameters declared, every $ref resolving, every schema valid JSON Schema 2020-12', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toEqual(expect.any(String));
    expect(doc.info.version).toEqual(expect.any(String));
    const tags = new Set(doc.tags?.map((t) => t.name));
    const problems: string[] = [];
    const ids = new Map<string, string>();
    for (const { key, path: p, op } of operations()) {
      if (!p.startsWith('/') || p.includes(':')) problems.push(`${key}: not an OpenAPI path template`);
      if (!op.responses || !Object.keys(op.responses).length) problems.push(`${key}: no responses`);
      for (const [status, r] of Object.entries(op.responses ?? {})) if (typeof r.description !== 'string') problems.push(`${key} ${status}: no description`);
      if (!op.operationId) problems.push(`${key}: no operationId`);
      else if (ids.has(op.operationId)) problems.push(`${key}: operationId ${op.operationId} also names ${ids.get(op.operationId)}`);
      else ids.set(op.operationId, key);
      for (const t of op.tags ?? []) if (!tags.has(t)) problems.push(`${key}: tag ${t} not declared`);
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((x) => x.in === 'path').map((x) => x.name).sort();
      if (templated.join() !== declared.join()) problems.push(`${key}: path parameters {${templated}} declared as [${declared}]`);
      for (const x of op.parameters ?? []) if (x.in === 'path' && x.required !== true) problems.push(`${key}: path parameter ${x.name} not required`);
    }
    for (const [at, v] of walk(doc)) {
      const ref = v && typeof v === 'object' ? (v as { $ref?: unknown }).$ref : undefined;
      if (typeof ref === 'string' && (!ref.startsWith('#/') || pointer(doc, ref) === undefined)) problems.push(`${at}: $ref ${ref} does not resolve`);
    }
    expect(problems).toEqual([]);

    // each schema, its $refs pointing into the document's components, which ajv holds once as a
    // schema of their own (attaching all of them to every schema made ajv check them again for each
    // one: 7 s of the file's 7.5)
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const COMPONENTS = 'urn:ejia:openapi-components';
    const intoComponents = (schema: unknown) => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS}#/$defs/`));
    const schemaProblems: string[] = [];
    const schemas = [
      ...Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => [`#/components/schemas/${name}`, schema] as const),
      ...[...walk(doc.paths, '#/paths')].filter(([at]) => at.endsWith('/schema')),
    ];
    expect(schemas.length).toBeGreaterThan(operations().length);
    for (const [at, schema] of schemas) if (!ajv.validateSchema(intoComponents(schema))) schemaProblems.push(`${at}: ${ajv.errorsText(ajv.errors)}`);
    expect(schemaProblems).toEqual([]);
    ajv.addSchema({ $id: COMPONENTS, $defs: intoComponents(doc.components?.schemas ?? {}) });
    for (const [at, schema] of schemas) {
      try {
        ajv.compile(intoComponents(schema));
      } catch (e) {
        schemaProblems.push(`${at}: ${(e as Error).message}`);
      }
    }
    expect(schemaProblems).toEqual([]);
  });

  it('lists every route the app mounts, and only those', () => {
    const mounted = routerRoutes();
    const documented = operations()
      .map((o) => `${o.method} ${o.path.replace(/\{([^}]+)\}/g, ':$1')}`)
      .sort();
    expect({
      mountedButNotDocumented: mounted.filter((r) => !documented.includes(r)),
      documentedButNotMounted: documented.filter((r) => !mounted.includes(r)),
    }).toEqual({ mountedButNotDocumented: [], documentedButNotMounted: [] });
  });

  it('asks a bearer token of every operation but the public ones, and the sign-in routes are public', () => {
    expect(doc.components?.securitySchemes?.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    const open: string[] = [];
    const odd: string[] = [];
    for (const o of operations()) {
      const security = JSON.stringify(o.op.security ?? doc.security);
      if (security === '[]') open.push(o.key);
      else if (security !== JSON.stringify([{ bearer: [] }])) odd.push(`${o.key}: ${security}`);
    }
    expect(odd).toEqual([]);
    expect(open.sort()).toEqual([...PUBLIC].sort());
  });

  it('is what the server does: every operation that asks a bearer token is refused without one (401)', async () => {
    const admitted: string[] = [];
    for (const o of operations()) {
      if (JSON.stringify(o.op.security ?? doc.security) === '[]') continue;
      const r = await s.request(o.method, o.path.replace(/\{[^}]+\}/g, 'x'), o.method === 'GET' ? {} : { body: {} });
      if (r.status !== 401) admitted.push(`${o.key}: ${r.status}`);
    }
    expect(admitted).toEqual([]);
  });

  it('has a readable page whose script and style come from this server', async () => {
    const page = await s.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = page.body as string;
    // nothing fetched from elsewhere (a CDN would break in the community's intranet, and under helmet's CSP)
    expect(html.match(/(?:https?:)?\/\/[^\s"'<>]+/g) ?? []).toEqual([]);

    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link[^>]*\srel="stylesheet"[^>]*\shref="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // no inline script: helmet's CSP would block it
    for (const [urls, type] of [
      [scripts, /^(?:application|text)\/javascript/],
      [styles, /^text\/css/],
    ] as const) {
      for (const url of urls) {
        expect(url, url).toMatch(/^\/api\//);
        const r = await s.request('GET', url);
        expect(r.status, url).toBe(200);
        expect(r.headers.get('content-type'), url).toMatch(type);
        expect(String(r.body).length, url).toBeGreaterThan(0);
      }
    }
  });

  it('serves only its own assets: any other name is a 404, never a file of the package or a 500', async () => {
    // __proto__ once found Object.prototype in the table of assets (fuzzing): a 500
    for (const file of ['__proto__', 'constructor', 'package.json', 'index.html', '..%2Fpackage.json']) {
      const r = await s.request('GET', `/api/docs/assets/${file}`);
      expect(r.status, file).toBe(404);
    }
  });
});

describe('the response check (on in tests)', () => {
  // a route group of its own on a bare Koa app: what the check does, apart from any domain
  const person = z.object({ id: z.string(), name: z.string(), joinedAt: isoDate });
  const declared = { id: 'p1', name: '王芳', joinedAt: new Date('2026-01-02T03:04:05Z') };
  const withPhone = { ...declared, phone: '13800138000' };
  const mistyped = { ...declared, joinedAt: '2026-01-02' };
  const probe = routeGroup('probe', '/probe', 'answers of every kind', [
    route({ method: 'get', path: '/declared', summary: 'what it declares', auth: 'public', response: person, handler: () => declared }),
    route({ method: 'get', path: '/undeclared', summary: 'a phone number more', auth: 'public', response: person, handler: () => withPhone }),
    route({
      method: 'get',
      path: '/nested',
      summary: 'a phone number more, in a list',
      auth: 'public',
      response: z.object({ items: z.array(person) }),
      handler: () => ({ items: [declared, withPhone] }),
    }),
    route({ method: 'get', path: '/mistyped', summary: 'a date as text', auth: 'public', response: person, handler: () => mistyped as unknown as typeof declared }),
  ]);

  const logged: unknown[] = [];
  const logger = { error: (o: unknown) => logged.push(o), warn: () => {}, info: () => {} } as unknown as Logger;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = new Koa<AppState, AppCustom>();
    app.context.deps = { config: { checkResponses: true }, logger } as unknown as Deps;
    app.use(errorMiddleware(logger));
    app.use(buildRouter(probe).routes());
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close?.());

  const get = async (p: string) => {
    const res = await fetch(url + p);
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } & Record<string, unknown> };
  };

  it('is on in the test server', () => {
    expect(s.deps.config.checkResponses).toBe(true);
  });

  it('lets through an answer that is what the route declares', async () => {
    expect(await get('/probe/declared')).toEqual({ status: 200, body: { id: 'p1', name: '王芳', joinedAt: '2026-01-02T03:04:05.000Z' } });
  });

  it('turns a field the schema does not declare into a 500 naming it, and logs the path, never the value', async () => {
    logged.length = 0;
    const r = await get('/probe/undeclared');
    expect(r.status).toBe(500);
    expect(r.body.error?.code).toBe('internal');
    expect(r.body.error?.message).toContain('phone: not declared in the response schema');
    expect(r.body).not.toHaveProperty('phone');
    expect(JSON.stringify(logged)).toContain('phone');
    expect(JSON.stringify(logged)).not.toContain('13800138000');
  });

  it('names an undeclared field inside a list by its place', async () => {
    const r = await get('/probe/nested');
    expect(r.status).toBe(500);
    expect(r.body.error?.message).toContain('items.1.phone: not declared in the response schema');
  });

  it('turns a value of the wrong type into a 500 naming the field', async () => {
    const r = await get('/probe/mistyped');
    expect(r.status).toBe(500);
    expect(r.body.error?.message).toMatch(/joinedAt: /);
  });
});
