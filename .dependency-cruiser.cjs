// The server's shape (docs/architecture.md), as dependency-cruiser rules.
// `npm run lint:deps` prints the violations; tests/platform/architecture.test.ts runs the
// same configuration in `npm test`.
//
// Words used below:
//   domain folder   server/<name>/, except server/http/ and server/policies/
//   shared          server/*.ts at the top, server/http/, server/policies/
//   wiring          the top-level files that put the app together
//                   (app.ts, main.ts, routes.ts, deps.ts, context.ts)
//   shared/         not the "shared" above: the top-level folder of words and
//                   limits the server and the mini-program both use

/** A file in a domain folder. */
const DOMAIN = '^server/(?!(?:http|policies)/)[^/]+/';
/** A domain's public face. */
const DOMAIN_INDEX = '^server/[^/]+/index\\.ts$';
const SHARED = ['^server/[^/]+\\.ts$', '^server/(?:http|policies)/'];
const WIRING = '^server/(?:app|main|routes|deps|context)\\.ts$';
/** Where the Viewer type lives: every policy and route takes one. */
const VIEWER = '^server/auth/viewer\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import circles anywhere in server/ (rule 3). Type-only imports count too ' +
        '(tsPreCompilationDeps below): a circle of types is still two files that cannot be read apart.',
      from: { path: '^server/' },
      to: { circular: true },
    },
    {
      name: 'domain-through-index',
      severity: 'error',
      comment:
        "A domain folder reaches another domain only through its index.ts (rule 2): " +
        "`../shop/index.js`, never `../shop/redeemItem.js`. $1 is the importing folder: inside it, files import each other freely.",
      from: { path: '^server/([^/]+)/', pathNot: SHARED },
      to: { path: DOMAIN, pathNot: ['^server/$1/', DOMAIN_INDEX] },
    },
    {
      name: 'shared-imports-no-domain',
      severity: 'error',
      comment:
        'Shared infrastructure is importable by every domain and imports none (rule 2). ' +
        'The Viewer type is the one exception (see shared-takes-viewer-type-only); ' +
        'the wiring files and server/http/route.ts have their own rules below.',
      from: { path: SHARED, pathNot: [WIRING, '^server/http/route\\.ts$'] },
      to: { path: DOMAIN, pathNot: VIEWER },
    },
    {
      name: 'shared-takes-viewer-type-only',
      severity: 'error',
      comment:
        'Exception: shared files (policies/*, http/viewer.ts, http/route.ts, context.ts) name the Viewer type, ' +
        'which every role decision takes; type-only, so no code of auth/ runs from shared infrastructure.',
      from: { path: SHARED },
      to: { path: VIEWER, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'route-declarations-sign-in-only',
      severity: 'error',
      comment:
        "Exception: server/http/route.ts builds every route's chain, which starts with sign-in " +
        '(requireViewer from server/auth/middleware.ts, a value import) and types the handler input with the Viewer. ' +
        'Nothing else of a domain.',
      from: { path: '^server/http/route\\.ts$' },
      to: { path: DOMAIN, pathNot: [VIEWER, '^server/auth/middleware\\.ts$'] },
    },
    {
      name: 'wiring-through-index',
      severity: 'error',
      comment:
        'The files that put the app together (app.ts, main.ts, routes.ts, deps.ts) mount and start the domains ' +
        'through their index.ts, like any other folder would. context.ts has its own rule below.',
      from: { path: WIRING, pathNot: '^server/context\\.ts$' },
      to: { path: DOMAIN, pathNot: DOMAIN_INDEX },
    },
    {
      name: 'context-types-only',
      severity: 'error',
      comment:
        'Exception: server/context.ts declares Deps and the Koa state, which name the WeChat client, the photo storage ' +
        'and the Viewer. It takes those types from the files that declare them, type-only: through an index.ts they ' +
        'would make a circle (auth/index.ts → auth/routes.ts → http/route.ts → context.ts).',
      from: { path: '^server/context\\.ts$' },
      to: {
        path: DOMAIN,
        pathNot: [DOMAIN_INDEX, VIEWER, '^server/auth/wechat\\.ts$', '^server/uploads/storage\\.ts$'],
      },
    },
    {
      name: 'context-ports-type-only',
      severity: 'error',
      comment: 'The exception above is for types: server/context.ts runs no code of a domain.',
      from: { path: '^server/context\\.ts$' },
      to: { path: DOMAIN, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'client-takes-server-types-only',
      severity: 'error',
      comment:
        'The mini-program derives its types from the server (client/api/types.ts) but must not bundle server code: ' +
        "`import type` or `typeof import('…')`, both gone after compilation.",
      from: { path: '^client/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'server-not-to-client',
      severity: 'error',
      comment: 'The server never depends on the mini-program.',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'shared-folder-imports-nothing',
      severity: 'error',
      comment:
        'shared/ holds the words and limits that server/ and client/ both import as values (no rule forbids ' +
        'either, from any file). Node runs it for the server and the mini-program bundles it, so it imports ' +
        'nothing but its own files: no package, no Node module, nothing of server/ or client/.',
      from: { path: '^shared/' },
      to: { pathNot: '^shared/' },
    },
    {
      name: 'not-to-tests',
      severity: 'error',
      comment: 'Test code is for tests: nothing the app runs or builds imports tests/.',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        "An import of the app's own files that does not resolve: a typo, or resolution broken " +
        '(every rule above would then pass for want of edges).',
      from: { path: '^(?:server|client)/' },
      to: { couldNotResolve: true, path: '^\\.' },
    },
  ],
  options: {
    // the dependencies of packages are theirs, not ours
    doNotFollow: { path: 'node_modules' },
    // type-only imports are edges too (the circle rule and the type-only exceptions need them)
    tsPreCompilationDeps: true,
    // compiler options of the project (NodeNext: `./x.js` in a specifier is the file ./x.ts)
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
