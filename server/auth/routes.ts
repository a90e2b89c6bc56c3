import Router from '@koa/router';
import type { AppCustom, AppState } from '../context.js';
import { parse } from '../http/validate.js';
import { devLoginBody, wechatLoginBody } from './schemas.js';
import { devLogin, loginWithWechat } from './login.js';
import { bearerToken } from './middleware.js';
import { revokeSession } from './sessions.js';
import { rateLimit } from '../rateLimit.js';

export function authRoutes() {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/auth' });
  // per-address limit on sign-in, counted in the database (shared by every instance)
  const limiter = rateLimit({
    bucket: 'login',
    perMinute: (config) => config.loginRatePerMinute,
    key: (ctx) => ctx.ip,
    message: 'too many sign-in attempts, try again later',
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
