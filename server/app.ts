import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { AppCustom, AppState, Deps } from './context.js';
import { errorMiddleware } from './errors.js';
import { sql } from './sql.js';
import { requireViewer } from './auth/index.js';
import { buildRouter } from './http/route.js';
import { routeGroups } from './routes.js';
import { serveWebApps } from './web.js';

export type App = Koa<AppState, AppCustom>;

export function createApp(deps: Deps): App {
  const app: App = new Koa<AppState, AppCustom>();
  app.context.deps = deps;
  app.silent = true; // errors are logged by errorMiddleware, without request bodies
  if (deps.config.trustProxyHops > 0) {
    // behind N proxies: ctx.ip (the sign-in limit's key) is the address the N-th proxy from here
    // put into X-Forwarded-For; what a client wrote there itself, further left, is never read
    app.proxy = true;
    app.maxIpsCount = deps.config.trustProxyHops;
  }

  app.use(requestLog(deps));
  app.use(errorMiddleware(deps.logger));
  app.use(helmet());
  if (deps.config.corsOrigins.length) {
    const allowed = new Set(deps.config.corsOrigins);
    app.use(cors({ origin: (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : '') }));
  }
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '200kb', encoding: 'utf-8' }));

  // the built console (/console/) and resident H5 app (/), with their own caching and CSP; /api is left to the routes
  app.use(serveWebApps({ ...deps.config.web, production: deps.config.production }));
  // each route declares whether it needs a signed-in user (server/http/route.ts)
  for (const group of routeGroups) mount(app, buildRouter(group));
  return app;
}

function mount(app: App, router: Router<AppState, AppCustom>) {
  app.use(router.routes());
  app.use(router.allowedMethods());
}

/** One line per request: method, path, status, time, user. Never bodies, queries or headers. */
function requestLog(deps: Deps): Koa.Middleware<AppState, AppCustom> {
  return async (ctx, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      deps.logger.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round((performance.now() - start) * 10) / 10,
          user: ctx.state.viewer?.userId,
        },
        'request',
      );
    }
  };
}
