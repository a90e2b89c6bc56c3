import Router from '@koa/router';
import ratelimit from 'koa-ratelimit';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { devLoginBody, wechatLoginBody } from './schemas.js';
import { devLogin, loginWithWechat } from './login.js';
import { bearerToken } from './middleware.js';
import { revokeSession } from './sessions.js';
import type { Config } from '../config.js';

export function authRoutes(config: Config) {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/auth' });
  // per-address limit on sign-in; counters are per process for now (see README)
  const limiter = ratelimit({
    driver: 'memory',
    db: new Map(),
    duration: 60_000,
    max: config.loginRatePerMinute,
    id: (ctx) => ctx.ip,
    errorMessage: 'too many sign-in attempts',
    disableHeader: false,
    throw: true,
  });

  router.post('/wechat', limiter, async (ctx) => {
    const { code } = parse(wechatLoginBody, ctx.request.body, 'body');
    ctx.body = await loginWithWechat(ctx.deps, code);
  });

  router.post('/dev-login', limiter, async (ctx) => {
    const { openid } = parse(devLoginBody, ctx.request.body, 'body');
    ctx.body = await devLogin(ctx.deps, openid);
  });

  router.post('/logout', async (ctx) => {
    const token = bearerToken(ctx.get('authorization'));
    if (token) await revokeSession(ctx.deps, token);
    ctx.status = 204;
  });

  return router;
}
