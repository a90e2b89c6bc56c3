// Signing in to the console: the one module that knows how (issue #17).
// - Password sign-in, in every build, for accounts an admin enabled: the server keeps
//   the session in an httpOnly cookie this code never sees; beside it a readable
//   `csrf` cookie, whose value goes with every write as X-CSRF-Token (the server's
//   CSRF check). A first password must be changed before anything else.
// - Development and test builds also sign in as a demo account (dev-login/console: the same cookie session).
// - 扫码登录: a code the staff member scans with the mini-program and confirms there; the
//   browser's poll that sees the confirmation gets the same cookie session.
import { api, fetchTransport, session, type Me, type QrPoll, type QrTicket, type RoleName } from './api.js';
import { installSessionHeaders, installTransport, request, type Transport } from '../../api/core.js';
import type { RouteWords } from '../../api/errors.js';
import type { Wire } from '../../api/types.js';

/** Whether this build offers the demo accounts (never production). */
export const DEV_SIGN_IN = EJIA_DEV_LOGIN;

export const DEMO_ACCOUNTS: Array<{ openid: string; who: string }> = [
  { openid: 'demo-staff', who: '社区干部 · 惠泽社区' },
  { openid: 'demo-reviewer', who: '党组织评单 · 惠泽社区' },
  { openid: 'demo-gridworker', who: '网格员 · 惠泽 第1网格' },
  { openid: 'demo-admin', who: '平台管理员' },
  { openid: 'demo-staff-huimin', who: '社区干部 · 惠民社区' },
  { openid: 'demo-street-admin', who: '街道管理员 · 惠民街道' },
  { openid: 'demo-street-viewer', who: '街道督查 · 惠民街道' },
  { openid: 'demo-county-admin', who: '县级管理员 · 织金县' },
  { openid: 'demo-county-viewer', who: '县级督查 · 织金县' },
];

/** The csrf cookie's value (`__Host-` prefixed in production): present while a console session is. */
function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'ejia_csrf' || name === '__Host-ejia_csrf') return rest.join('=') || undefined;
  }
  return undefined;
}

const withCsrf = (headers: Record<string, string>) => {
  const t = csrfToken();
  return t ? { ...headers, 'x-csrf-token': t } : headers;
};

// every request of the console carries the CSRF token when there is one (the server needs it on writes)
const cookieTransport: Transport = {
  ...fetchTransport,
  request: (r) => fetchTransport.request({ ...r, headers: withCsrf(r.headers) }),
  upload: (r) => fetchTransport.upload({ ...r, headers: withCsrf(r.headers) }),
};
installTransport(cookieTransport);
// and the pages' own fetches (the registry upload, downloads, staffCalls): a production console has
// no bearer token, only the cookie, and the server refuses a write without the token (403 csrf)
installSessionHeaders(withCsrf);

const SIGN_IN_WORDS: RouteWords = {
  wrong_password: '用户名或密码不对。',
  locked: '密码连续输错 5 次，账号已锁定 15 分钟。请稍后再试，或请管理员重设密码。',
  rate_limited: '尝试次数太多了，请一分钟后再试。',
  forbidden: '这个账号已经没有工作台的权限，请联系管理员。',
  'body.username': '请输入用户名。',
  'body.password': '请输入密码。',
};

const CHANGE_WORDS: RouteWords = {
  wrong_password: '当前密码不对。',
  locked: '密码连续输错 5 次，账号已锁定 15 分钟。',
  'body.currentPassword': '请输入当前密码。',
  'body.newPassword': '新密码至少 10 个字符，不能和旧密码或用户名相同。',
};

/** Signed in (the cookie is the session), or, with 两步验证 on, the challenge the code goes with. */
export type PasswordSignIn = { mustChangePassword: boolean; challenge?: undefined } | { challenge: string; mustChangePassword?: undefined };

/** POST /api/auth/password: the answer holds no token; the cookie is the session. */
export async function signInWithPassword(username: string, password: string): Promise<PasswordSignIn> {
  session.set(undefined); // a demo token would be sent instead of the cookie
  const r = await request<{ mustChangePassword: boolean } | { secondFactor: 'totp'; challenge: string }>('POST', '/auth/password', { body: { username, password }, words: SIGN_IN_WORDS });
  return 'challenge' in r ? { challenge: r.challenge } : { mustChangePassword: r.mustChangePassword };
}

// ---- 两步验证 (server/auth/totp.ts) -------------------------------------------------------

const SECOND_STEP_WORDS: RouteWords = {
  wrong_code: '验证码不对。请看手机上最新的 6 位数字（手机时间要准）。',
  code_used: '这个验证码刚用过了，请等手机上出现新的数字再输。',
  wrong_recovery_code: '恢复码不对，或者已经用过了（每个恢复码只能用一次）。',
  challenge_expired: '等的时间太久了，请重新输入密码登录。',
  locked: '连续输错 5 次，账号已锁定 15 分钟。请稍后再试，或请管理员帮忙。',
  rate_limited: '尝试次数太多了，请一分钟后再试。',
  forbidden: '这个账号已经没有工作台的权限，请联系管理员。',
  'body.code': '验证码不对。请输入手机上最新的 6 位数字（手机时间要准）。',
  'body.recoveryCode': '请输入恢复码。',
};

/** POST /api/auth/password/totp: the second step; the answer starts the cookie session. */
export async function completeSecondStep(challenge: string, f: { code: string } | { recoveryCode: string }): Promise<{ mustChangePassword: boolean }> {
  const r = await request<{ mustChangePassword: boolean }>('POST', '/auth/password/totp', { body: { challenge, ...f }, words: SECOND_STEP_WORDS });
  return { mustChangePassword: r.mustChangePassword };
}

export type TwoStepStatus = Wire<Awaited<ReturnType<typeof import('../../../server/auth/totp.js').twoStepStatus>>>;
export type TotpEnrolment = Wire<Awaited<ReturnType<typeof import('../../../server/auth/totp.js').enrolTotp>>>;
export type TotpEnabled = Wire<Awaited<ReturnType<typeof import('../../../server/auth/totp.js').confirmTotp>>>;

const TWO_STEP_WORDS: RouteWords = {
  no_password: '两步验证用于账号密码登录。这个账号还没有开通密码登录，请先请平台管理员开通。',
  already_enabled: '两步验证已经开启。要换手机，请先关闭再重新开启。',
  not_enrolling: '请重新点“开启两步验证”，扫描新的二维码。',
  not_enabled: '两步验证没有开启。',
  wrong_code: '验证码不对。请看手机上最新的 6 位数字（手机时间要准）。',
  code_used: '这个验证码刚用过了，请等手机上出现新的数字再输。',
  wrong_recovery_code: '恢复码不对，或者已经用过了。',
  wrong_password: '当前密码不对。',
  locked: '连续输错 5 次，账号已锁定 15 分钟。',
  'body.code': '验证码不对。请输入手机上最新的 6 位数字（手机时间要准）。',
  'body.currentPassword': '请输入当前密码。',
};

export const twoStep = {
  status: () => request<TwoStepStatus>('GET', '/auth/totp', { words: TWO_STEP_WORDS }),
  enrol: () => request<TotpEnrolment>('POST', '/auth/totp/enrol', { body: {}, words: TWO_STEP_WORDS }),
  confirm: (code: string) => request<TotpEnabled>('POST', '/auth/totp/confirm', { body: { code }, words: TWO_STEP_WORDS }),
  disable: (currentPassword: string, f: { code: string } | { recoveryCode: string }) =>
    request<void>('POST', '/auth/totp/disable', { body: { currentPassword, ...f }, words: TWO_STEP_WORDS }),
};

// ---- 扫码登录 -------------------------------------------------------------------------

const QR_WORDS: RouteWords = {
  rate_limited: '刷新得太频繁了，请一分钟后再试。',
  wechat_refused: '暂时拿不到登录二维码（微信那边没有响应），请稍后刷新，或用账号密码登录。',
  wechat_unreachable: '暂时拿不到登录二维码（连不上微信），请稍后刷新，或用账号密码登录。',
  not_found: '这个二维码已经失效，请刷新。',
};

export type QrCode = Pick<QrTicket, 'ticket' | 'image' | 'seconds'>;

/** POST /api/auth/qr: a code for this browser (the server binds it with an httpOnly cookie). */
export async function newQrCode(): Promise<QrCode> {
  const r = await request<QrTicket>('POST', '/auth/qr', { body: {}, words: QR_WORDS });
  return { ticket: r.ticket, image: r.image, seconds: r.seconds };
}

/**
 * GET /api/auth/qr/:ticket: what happened to the code. `confirmed` means this answer
 * started the console session (its cookies): a demo token would be sent instead, so none is kept.
 */
export async function pollQrCode(ticket: string): Promise<QrPoll> {
  const r = await request<QrPoll>('GET', `/auth/qr/${encodeURIComponent(ticket)}`, { words: QR_WORDS });
  if (r.status === 'confirmed') session.set(undefined);
  return r;
}

/** The first password (or any) changed; the session goes on. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<void>('POST', '/auth/password/change', { body: { currentPassword, newPassword }, words: CHANGE_WORDS });
}

/**
 * Development and test builds: a demo account, by openid, into the same cookie session a
 * password gives (so every console walk goes through the CSRF token and the Origin check,
 * as production does); the page holds no token.
 */
export async function signIn(openid: string): Promise<void> {
  await api.auth.devConsoleLogin(openid);
  session.set(undefined);
}

export async function signOut(): Promise<void> {
  try {
    await api.auth.logout();
  } catch {
    // signed out here whatever the server says
  }
  session.set(undefined);
}

/** A demo token, or the console session's csrf cookie (the server clears it when the session ends). */
export const signedIn = () => !!session.token() || !!csrfToken();

/** The roles that work in the console; a resident's account has none of them. */
const CONSOLE_ROLES: RoleName[] = ['STAFF', 'REVIEWER', 'ADMIN', 'GRID_WORKER', 'COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT'];
export const mayUseConsole = (me: Me) => me.roles.some((r) => CONSOLE_ROLES.includes(r.role));
/** 工单 and 超时督办 are the communities' work: 县/街道 officials (region roles only) oversee instead (辖区总览). */
const REGION_ROLES: RoleName[] = ['COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT'];
export const mayWorkOrders = (me: Me) => me.roles.some((r) => CONSOLE_ROLES.includes(r.role) && !REGION_ROLES.includes(r.role));
/** 派单 is for community staff (the server's dispatch policy decides each order; this only hides the button). */
export const mayDispatch = (me: Me) => me.roles.some((r) => r.role === 'STAFF' || r.role === 'ADMIN');
/** The dashboard's figures: staff and reviewers (GET /api/orders/stats says so too). */
export const maySeeFigures = (me: Me) => me.roles.some((r) => r.role === 'STAFF' || r.role === 'REVIEWER' || r.role === 'ADMIN');

export const ROLE_WORDS: Record<RoleName, string> = {
  ADMIN: '平台管理员',
  STAFF: '社区干部',
  REVIEWER: '党组织',
  GRID_WORKER: '网格员',
  BUILDING_HEAD: '楼栋长',
  RESIDENT: '居民',
  COUNTY_ADMIN: '县级管理员',
  COUNTY_OVERSIGHT: '县级督查',
  STREET_ADMIN: '街道管理员',
  STREET_OVERSIGHT: '街道督查',
};
