// The staff console's session: an httpOnly, SameSite=Strict cookie (Secure in
// production), shorter-lived than the mini-program's bearer tokens and ended
// after a while without requests.
//
// CSRF: a cookie goes with every request the browser makes, so writes made with
// it need proof that the console's own page made them. Two checks, both cheap:
//  - a foreign Origin is refused (browsers send Origin on every cross-site POST);
//  - a signed double-submit token: the header X-CSRF-Token must equal an HMAC of
//    the session's token, which the console reads from the readable `csrf` cookie
//    set beside the session cookie. A page on another site can neither read that
//    cookie nor compute the HMAC, and a token from another session does not fit.
// SameSite=Strict alone already keeps other sites' requests cookie-less in current
// browsers; the token covers sibling subdomains (same-site) and older browsers,
// which is why it is not left to SameSite alone.
import crypto from 'node:crypto';
import type { AppContext, Deps } from '../context.js';
import { AppError } from '../errors.js';

/** A console session lasts at most this long, signed in or not (a mini-program token: SESSION_TTL_HOURS). */
export const CONSOLE_SESSION_MS = 12 * 3600_000;
/** …and ends after this long without a request. */
export const CONSOLE_IDLE_MS = 30 * 60_000;

/** `__Host-` in production: the browser then refuses the cookie unless Secure, Path=/ and no Domain. */
export const sessionCookieName = (production: boolean) => (production ? '__Host-ejia_session' : 'ejia_session');
export const csrfCookieName = (production: boolean) => (production ? '__Host-ejia_csrf' : 'ejia_csrf');
export const CSRF_HEADER = 'x-csrf-token';

export const csrfTokenFor = (secret: string, sessionToken: string) =>
  crypto.createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');

function cookie(name: string, value: string, opts: { httpOnly: boolean; secure: boolean; maxAgeSeconds: number }) {
  // written by hand: Koa's cookies refuse `Secure` when TLS ends at a proxy and TRUST_PROXY is 0
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${opts.maxAgeSeconds}`,
    'SameSite=Strict',
    ...(opts.httpOnly ? ['HttpOnly'] : []),
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

export function setConsoleCookies(ctx: AppContext, token: string, expiresAt: Date) {
  const { production, sessionSecret } = ctx.deps.config;
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - ctx.deps.clock().getTime()) / 1000));
  ctx.append('Set-Cookie', cookie(sessionCookieName(production), token, { httpOnly: true, secure: production, maxAgeSeconds }));
  ctx.append('Set-Cookie', cookie(csrfCookieName(production), csrfTokenFor(sessionSecret, token), { httpOnly: false, secure: production, maxAgeSeconds }));
}

export function clearConsoleCookies(ctx: AppContext) {
  const { production } = ctx.deps.config;
  ctx.append('Set-Cookie', cookie(sessionCookieName(production), '', { httpOnly: true, secure: production, maxAgeSeconds: 0 }));
  ctx.append('Set-Cookie', cookie(csrfCookieName(production), '', { httpOnly: false, secure: production, maxAgeSeconds: 0 }));
}

export function sessionCookieOf(ctx: AppContext): string | null {
  const v = ctx.cookies.get(sessionCookieName(ctx.deps.config.production));
  return v && /^[A-Za-z0-9_-]{20,200}$/.test(v) ? v : null;
}

/**
 * A request's Origin, when a browser sent one, must be this server's own (or one
 * of CORS_ORIGINS): refused otherwise. Requests without Origin (curl, the tests'
 * fetch on GET) pass this check; cookie-authenticated writes still need the token.
 */
export function refuseForeignOrigin(ctx: AppContext) {
  const origin = ctx.get('origin');
  if (!origin || origin === 'null') {
    if (origin === 'null') throw new AppError('forbidden', 'Origin: null is not allowed to use the console session', undefined, 'csrf');
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError('forbidden', 'Origin: not a URL', undefined, 'csrf');
  }
  if (host === ctx.host || ctx.deps.config.corsOrigins.includes(origin)) return;
  throw new AppError('forbidden', `Origin: ${origin} may not use the console session`, undefined, 'csrf');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A cookie-authenticated request: its Origin, and for a write the CSRF token of this session. */
export function checkCsrf(ctx: AppContext, deps: Deps, sessionToken: string) {
  refuseForeignOrigin(ctx);
  if (SAFE_METHODS.has(ctx.method)) return;
  const sent = ctx.get(CSRF_HEADER);
  const expected = csrfTokenFor(deps.config.sessionSecret, sessionToken);
  const ok = sent.length === expected.length && crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) throw new AppError('forbidden', `${CSRF_HEADER}: missing or wrong (the console sends the csrf cookie's value)`, undefined, 'csrf');
}

// --- 扫码登录: the browser's nonce (server/auth/qrSignIn.ts) ---------------------------

/**
 * The httpOnly cookie that binds a sign-in code to the browser that shows it: only a
 * request carrying it may pick the session up. One per browser, kept across codes
 * (a second tab's code does not orphan the first's).
 */
export const qrNonceCookieName = (production: boolean) => (production ? '__Host-ejia_qr' : 'ejia_qr');
const QR_NONCE_MAX_AGE_SECONDS = 3600;

export function qrNonceOf(ctx: AppContext): string | null {
  const v = ctx.cookies.get(qrNonceCookieName(ctx.deps.config.production));
  return v && /^[A-Za-z0-9_-]{43}$/.test(v) ? v : null;
}

export function setQrNonceCookie(ctx: AppContext, nonce: string) {
  const { production } = ctx.deps.config;
  ctx.append('Set-Cookie', cookie(qrNonceCookieName(production), nonce, { httpOnly: true, secure: production, maxAgeSeconds: QR_NONCE_MAX_AGE_SECONDS }));
}
