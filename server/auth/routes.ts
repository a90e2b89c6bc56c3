// /api/auth: signing in and out, and one's sessions. The sign-ins are public: they are how one gets a session.
import { route, routeGroup } from '../http/route.js';
import { idParams } from '../http/fields.js';
import { rateLimit } from '../rateLimit.js';
import { devConsoleLogin, devLogin, loginWithWechat } from './login.js';
import { logout } from './logout.js';
import { sessionIdOf } from './middleware.js';
import { listMySessions, revokeMySession } from './mySessions.js';
import { changePassword, normalUsername, setFirstPassword, signInWithPassword } from './passwords.js';
import { cancelQrTicket, confirmQrTicket, createQrTicket, pollQrTicket, scanQrTicket } from './qrSignIn.js';
import { completeTotpSignIn, confirmTotp, disableTotp, enrolTotp, resetTotp, twoStepStatus } from './totp.js';
import {
  changePasswordBody,
  consoleSignedIn,
  passwordSignedIn,
  devLoginBody,
  passwordSet,
  passwordSignInBody,
  qrDecision,
  qrPoll,
  qrScan,
  qrTicket,
  qrTicketParams,
  sessionList,
  setPasswordBody,
  setPasswordParams,
  signedIn,
  totpConfirmBody,
  totpDisableBody,
  totpEnabled,
  totpEnrolment,
  totpReset,
  totpSignInBody,
  twoStepStatus as twoStepStatusAnswer,
  wechatLoginBody,
} from './schemas.js';

// per-address limit on sign-in, counted in the database (shared by every instance)
const limitSignIn = rateLimit({
  bucket: 'login',
  perMinute: (config) => config.loginRatePerMinute,
  key: (ctx) => ctx.ip,
  message: 'too many sign-in attempts, try again later',
});

/** Password tries per minute for one username from one address (the lockout counts across addresses). */
export const PASSWORD_TRIES_PER_MINUTE = 10;

const limitPasswordTries = rateLimit({
  bucket: 'password',
  perMinute: () => PASSWORD_TRIES_PER_MINUTE,
  key: (ctx) => {
    const u = (ctx.request.body as { username?: unknown } | undefined)?.username;
    // read before validation: PostgreSQL text holds no NUL, so none goes into the key
    return `${ctx.ip}|${typeof u === 'string' ? normalUsername(u).replaceAll('\u0000', '').slice(0, 64) : ''}`;
  },
  message: 'too many password tries for this username, try again in a minute',
});

// two-step codes per minute for one challenge's account from one address: the same bucket and pace as passwords
const limitCodeTries = rateLimit({
  bucket: 'password',
  perMinute: () => PASSWORD_TRIES_PER_MINUTE,
  key: (ctx) => {
    const c = (ctx.request.body as { challenge?: unknown } | undefined)?.challenge;
    // the challenge's first part names the account (base64url: nothing to clean)
    return `${ctx.ip}|totp:${typeof c === 'string' ? (/^[A-Za-z0-9_-]{1,80}/.exec(c)?.[0] ?? '') : ''}`;
  },
  message: 'too many two-step codes tried, try again in a minute',
});

export const authRoutes = routeGroup('auth', '/api/auth', 'Signing in (WeChat, a console password, or a known openid outside production) and out; one\'s sessions', [
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
    path: '/dev-login/console',
    summary: "Development and tests only: the console's demo sign-in, into the same cookie session as a password (404 in production; 403 no_console_role for a resident's account)",
    auth: 'public',
    use: [limitSignIn],
    body: devLoginBody,
    response: consoleSignedIn,
    handler: ({ deps, ctx, body }) => devConsoleLogin(deps, ctx, body.openid),
  }),
  route({
    method: 'post',
    path: '/password',
    summary:
      'The staff console: sign in with a username and password (accounts an admin enabled). With 两步验证 on the answer is {secondFactor, challenge} and no session: the code goes to /password/totp. Sets the httpOnly session cookie and the readable csrf cookie, whose value every write sends as X-CSRF-Token. 401 wrong_password; 403 locked (5 wrong in a row: 15 minutes)',
    auth: 'public',
    use: [limitSignIn, limitPasswordTries],
    body: passwordSignInBody,
    response: passwordSignedIn,
    handler: ({ deps, ctx, body }) => signInWithPassword(deps, ctx, body.username, body.password),
  }),
  // 两步验证 (totp.ts)
  route({
    method: 'post',
    path: '/password/totp',
    summary:
      'The second step of a password sign-in with 两步验证 on: the challenge and the authenticator\'s 6-digit code (±30 s, each code once) or a recovery code (once). Sets the console session cookies. 401 wrong_code / wrong_recovery_code / code_used / challenge_expired; wrong codes count toward the password lockout (403 locked)',
    auth: 'public',
    use: [limitSignIn, limitCodeTries],
    body: totpSignInBody,
    response: consoleSignedIn,
    handler: ({ deps, ctx, body }) => completeTotpSignIn(deps, ctx, body.challenge, body),
  }),
  route({
    method: 'get',
    path: '/totp',
    summary: '两步验证 of the signed-in account: on or off, and how many recovery codes are left',
    response: twoStepStatusAnswer,
    handler: ({ deps, viewer }) => twoStepStatus(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/totp/enrol',
    summary: 'Start 两步验证: a new secret as a QR code (otpauth://, SHA1, 6 digits, 30 s) and as text, shown this once; not on until confirmed. 409 no_password / already_enabled',
    response: totpEnrolment,
    handler: ({ deps, viewer }) => enrolTotp(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/totp/confirm',
    summary: 'Turn 两步验证 on with a code from the phone (400 naming body.code when wrong, nothing written); answers the ten one-time recovery codes, shown this once',
    body: totpConfirmBody,
    response: totpEnabled,
    handler: ({ deps, viewer, body }) => confirmTotp(deps, viewer, body.code),
  }),
  route({
    method: 'post',
    path: '/totp/disable',
    summary: 'Turn 两步验证 off: the current password and a code (or a recovery code); wrong ones count toward the lockout',
    body: totpDisableBody,
    response: null,
    handler: ({ deps, viewer, body }) => disableTotp(deps, viewer, body.currentPassword, body),
  }),
  // 扫码登录 (qrSignIn.ts): the browser asks for a code and polls it; the phone scans, then confirms or cancels
  route({
    method: 'post',
    path: '/qr',
    summary:
      'The staff console: a sign-in code to scan with the mini-program (a one-time ticket, good for 2 minutes, bound to this browser by an httpOnly cookie). 502 wechat_refused when WeChat makes no code',
    auth: 'public',
    use: [limitSignIn],
    response: qrTicket,
    handler: ({ deps, ctx }) => createQrTicket(deps, ctx),
  }),
  route({
    method: 'get',
    path: '/qr/:ticket',
    summary:
      'Polled by the browser that asked for the code: waiting, scanned, confirmed (this answer sets the console session cookies, once), expired, refused or used. 404 for another browser',
    auth: 'public',
    params: qrTicketParams,
    response: qrPoll,
    handler: ({ deps, ctx, params }) => pollQrTicket(deps, ctx, params.ticket),
  }),
  route({
    method: 'post',
    path: '/qr/:ticket/scan',
    summary:
      'The mini-program\'s confirm page, opened by the code: the scanning account (网格员, 社区干部, 党组织, 管理员; else 403 no_console_role) sees which browser, where and when. 409 expired / used / refused / taken',
    params: qrTicketParams,
    response: qrScan,
    handler: ({ deps, viewer, params }) => scanQrTicket(deps, viewer, params.ticket),
  }),
  route({
    method: 'post',
    path: '/qr/:ticket/confirm',
    summary: 'The account that scanned the code signs that browser in to the console (once; 409 expired / used / refused)',
    params: qrTicketParams,
    response: qrDecision,
    handler: ({ deps, viewer, params }) => confirmQrTicket(deps, viewer, params.ticket),
  }),
  route({
    method: 'post',
    path: '/qr/:ticket/cancel',
    summary: 'The account that scanned the code says no: the browser is not signed in and shows it',
    params: qrTicketParams,
    response: qrDecision,
    handler: ({ deps, viewer, params }) => cancelQrTicket(deps, viewer, params.ticket),
  }),
  route({
    method: 'post',
    path: '/password/change',
    summary: 'Change one\'s own password (the first one must be changed before anything else); the account\'s other console sessions end',
    body: changePasswordBody,
    response: null,
    handler: ({ deps, ctx, viewer, body }) => changePassword(deps, viewer, sessionIdOf(ctx), body.currentPassword, body.newPassword),
  }),
  route({
    method: 'post',
    path: '/accounts/:userId/password',
    summary: 'Platform admin: enable password sign-in for a staff-side account, or reset it, with a first password to be changed at the first sign-in',
    params: setPasswordParams,
    body: setPasswordBody,
    response: passwordSet,
    handler: ({ deps, viewer, params, body }) => setFirstPassword(deps, viewer, params.userId, body.username, body.password),
  }),
  route({
    method: 'post',
    path: '/accounts/:userId/totp/reset',
    summary: 'A lost phone: turn off someone\'s 两步验证 (the platform admin, or the 街道/县 admin over every community of the account); every session of the account ends; in the audit log. 409 not_enabled',
    params: setPasswordParams,
    response: totpReset,
    handler: ({ deps, viewer, params }) => resetTotp(deps, viewer, params.userId),
  }),
  route({
    method: 'get',
    path: '/sessions',
    summary: 'The signed-in user\'s live sessions: mini-program tokens and console browsers',
    response: sessionList,
    handler: ({ deps, ctx, viewer }) => listMySessions(deps, viewer, sessionIdOf(ctx)),
  }),
  route({
    method: 'post',
    path: '/sessions/:id/revoke',
    summary: 'End one of one\'s own sessions (404 for anyone else\'s)',
    params: idParams,
    response: null,
    handler: ({ deps, ctx, viewer, params }) => revokeMySession(deps, ctx, viewer, params.id, sessionIdOf(ctx)),
  }),
  route({
    method: 'post',
    path: '/logout',
    summary: 'End the session of the bearer token sent, or of the console cookie, if any',
    auth: 'public',
    response: null,
    handler: ({ deps, ctx }) => logout(deps, ctx),
  }),
]);
