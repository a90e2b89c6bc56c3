// /api/auth: signing in and out. Public: these are how one gets a token.
import { route, routeGroup } from '../http/route.js';
import { rateLimit } from '../rateLimit.js';
import { devLogin, loginWithWechat } from './login.js';
import { logout } from './logout.js';
import { devLoginBody, signedIn, wechatLoginBody } from './schemas.js';

// per-address limit on sign-in, counted in the database (shared by every instance)
const limitSignIn = rateLimit({
  bucket: 'login',
  perMinute: (config) => config.loginRatePerMinute,
  key: (ctx) => ctx.ip,
  message: 'too many sign-in attempts, try again later',
});

export const authRoutes = routeGroup('auth', '/api/auth', 'Signing in (WeChat, or a known openid outside production) and out', [
  route({
    method: 'post',
    path: '/wechat',
    summary: 'Sign in with a wx.login() code; a first sign-in makes an account that belongs to no resident yet',
    auth: 'public',
    use: [limitSignIn],
    body: wechatLoginBody,
    response: signedIn,
    handler: ({ deps, body }) => loginWithWechat(deps, body.code),
  }),
  route({
    method: 'post',
    path: '/dev-login',
    summary: 'Development and tests only: sign in as an existing openid (404 in production)',
    auth: 'public',
    use: [limitSignIn],
    body: devLoginBody,
    response: signedIn,
    handler: ({ deps, body }) => devLogin(deps, body.openid),
  }),
  route({
    method: 'post',
    path: '/logout',
    summary: 'End the session of the bearer token sent, if any',
    auth: 'public',
    response: null,
    handler: ({ deps, ctx }) => logout(deps, ctx.get('authorization')),
  }),
]);
