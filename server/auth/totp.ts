// 两步验证: a TOTP second factor for console password sign-in (issue #17 item 3).
//
//   account holder  GET  /api/auth/totp                 on or off, recovery codes left
//                   POST /api/auth/totp/enrol           a new secret: QR (otpauth://) and the key as text, shown once
//                   POST /api/auth/totp/confirm {code}  turned on only by a right code; ten recovery codes, shown once
//                   POST /api/auth/totp/disable         the current password and a code (or a recovery code)
//   browser         POST /api/auth/password             a right password → {secondFactor, challenge}: no session yet
//                   POST /api/auth/password/totp        {challenge, code | recoveryCode} → the console session
//   admin           POST /api/auth/accounts/:id/totp/reset   a lost phone: off, every session ended, audited
//
// RFC 6238 as every authenticator reads it (微信/腾讯身份验证器, Google, Microsoft):
// SHA-1, 6 digits, 30 seconds, by the `otpauth` library. A code is good one step
// either side of now (a phone's clock a little off) and once only: the step of the
// last accepted code is kept and a code of that step or an earlier one is refused.
// Wrong codes count in the password's lockout (./lockout.ts).
//
// The challenge is a signed token, not a table row: HMAC-SHA256 under SESSION_SECRET
// of the account, its expiry (5 minutes), the password's version (a changed or reset
// password voids it) and this browser's nonce (the httpOnly cookie 扫码登录 binds its
// tickets with), so it works only in the browser that typed the password. Nothing to
// store, sweep or share between instances; one-time use is not needed because every
// use costs a fresh, replay-checked code and wrong ones lock the account.
//
// The secret is sealed at rest by the code that seals 身份证号 (server/sealing.ts: AES-256-GCM
// under ID_NUMBER_KEYS, `v1:<iv>:<tag>:<ciphertext>`, with its own AAD) and leaves the server only in the
// enrolment answer. Nothing of a secret, code or challenge goes into a log line or an
// error message.
import crypto from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Config } from '../config.js';
import type { AppContext, Deps } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { openSealedText, sealText } from '../sealing.js';
import { recordAdminChange } from '../audit/index.js';
import { homeCommunity, homeRegion, mayHaveConsolePassword, mayResetTwoStep } from '../policies/index.js';
import { qrNonceOf, refuseForeignOrigin, setQrNonceCookie } from './consoleSession.js';
import { startConsoleSession } from './consoleSignIn.js';
import { clearFailures, countFailure, locked } from './lockout.js';
import { endAllSessions } from './sessions.js';
import { loadViewer, type Viewer } from './viewer.js';

/** The name the authenticator lists the account under. */
export const TOTP_ISSUER = 'e家社区';
const PERIOD_S = 30;
/** How long the second step may take after the password. */
export const TOTP_CHALLENGE_MS = 5 * 60_000;
export const RECOVERY_CODE_COUNT = 10;

// ---- the secret at rest --------------------------------------------------------------

type Keys = Config['idNumbers'];
// binds a ciphertext to this column: an ID number's cut and pasted here does not open.
// The sealed form is the ID numbers' own (server/sealing.ts, `<version>:<iv>:<tag>:<ct>`):
// the secrets sealed by this file's earlier copy of that code open unchanged.
const AAD = Buffer.from('TotpCredential.secretSealed');
const sealSecret = (keys: Keys, base32: string) => sealText(keys, base32, AAD);
const openSecret = (keys: Keys, stored: string) => openSealedText(keys, stored, AAD, 'a two-step secret');
/** A stored secret under the current key (a key rotation: ./resealTotpSecrets.ts). */
export const resealTotpSecret = (keys: Keys, stored: string) => sealSecret(keys, openSecret(keys, stored));

// ---- codes ---------------------------------------------------------------------------

const totpOf = (base32: string, label = 'account') =>
  new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(base32) });

/** The 30-second step a code belongs to, looked for at now and one step either side; null for a wrong code. */
function stepOf(base32: string, code: string, now: Date): number | null {
  const delta = totpOf(base32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
}

// Crockford's base32 (no I, L, O, U): read aloud or copied by hand without mix-ups; 10 characters = 50 random bits
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normalRecoveryCode = (c: string) => c.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
// 50 random bits: a plain SHA-256 leaves nothing to guess against (no key to lose or rotate)
const hashRecoveryCode = (c: string) => crypto.createHash('sha256').update(`ejia-recovery:${normalRecoveryCode(c)}`).digest('base64url');

const wrongCode = (field: 'code' | 'recoveryCode') =>
  new AppError(
    'unauthenticated',
    field === 'code' ? 'code: wrong code (check that the phone\'s time is right)' : 'recoveryCode: wrong or already used',
    [{ path: `body.${field}`, message: field === 'code' ? 'wrong code' : 'wrong or already used' }],
    field === 'code' ? 'wrong_code' : 'wrong_recovery_code',
  );
const codeUsed = () =>
  new AppError('unauthenticated', 'code: already used; wait for the next one', [{ path: 'body.code', message: 'already used' }], 'code_used');

export interface SecondFactor {
  code?: string | undefined;
  recoveryCode?: string | undefined;
}

/**
 * A code (spent: its step recorded) or a recovery code (spent) of an account with
 * 两步验证 on. A wrong or replayed one counts toward the lockout and throws.
 */
async function spendSecondFactor(deps: Deps, userId: string, secretSealed: string, f: SecondFactor, now: Date): Promise<void> {
  let refusal: AppError | null = null;
  if (f.code !== undefined) {
    const step = stepOf(openSecret(deps.config.idNumbers, secretSealed), f.code, now);
    if (step === null) refusal = wrongCode('code');
    else {
      // conditional: two requests with one code cannot both pass (PostgreSQL runs them side by side)
      const r = await deps.db.totpCredential.updateMany({
        where: { userId, enabledAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
        data: { lastUsedStep: step },
      });
      if (r.count === 0) refusal = codeUsed();
    }
  } else {
    const r = await deps.db.totpRecoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(f.recoveryCode ?? ''), usedAt: null },
      data: { usedAt: now },
    });
    if (r.count === 0) refusal = wrongCode('recoveryCode');
  }
  if (!refusal) return;
  const until = await countFailure(deps, userId, now);
  throw until ? locked(until, now) : refusal;
}

async function enabledCredential(deps: Deps, userId: string) {
  const t = await deps.db.totpCredential.findUnique({ where: { userId } });
  return t?.enabledAt ? t : null;
}

// ---- the signed challenge ------------------------------------------------------------

const passwordVersion = (cred: { createdAt: Date; changedAt: Date | null }) => String((cred.changedAt ?? cred.createdAt).getTime());

function challengeSignature(deps: Deps, userId: string, expires: number, version: string, nonce: string) {
  return crypto.createHmac('sha256', deps.config.sessionSecret).update(`totp-challenge:${userId}:${expires}:${version}:${nonce}`).digest('base64url');
}

/**
 * After a right password (server/auth/passwords.ts): null when 两步验证 is off,
 * else the second step's challenge, bound to this browser's nonce cookie.
 */
export async function totpChallengeFor(
  deps: Deps,
  ctx: AppContext,
  cred: { userId: string; createdAt: Date; changedAt: Date | null },
): Promise<{ secondFactor: 'totp'; challenge: string; expiresAt: Date } | null> {
  if (!(await enabledCredential(deps, cred.userId))) return null;
  let nonce = qrNonceOf(ctx);
  if (!nonce) {
    nonce = crypto.randomBytes(32).toString('base64url');
    setQrNonceCookie(ctx, nonce);
  }
  const expires = deps.clock().getTime() + TOTP_CHALLENGE_MS;
  const sig = challengeSignature(deps, cred.userId, expires, passwordVersion(cred), nonce);
  return { secondFactor: 'totp', challenge: `${Buffer.from(cred.userId).toString('base64url')}.${expires}.${sig}`, expiresAt: new Date(expires) };
}

const challengeRefused = (why: string) =>
  new AppError('unauthenticated', `challenge: ${why}; sign in with the password again`, [{ path: 'body.challenge', message: why }], 'challenge_expired');

/** POST /api/auth/password/totp: the challenge and a code (or a recovery code) → the console session. */
export async function completeTotpSignIn(deps: Deps, ctx: AppContext, challenge: string, f: SecondFactor) {
  refuseForeignOrigin(ctx);
  const now = deps.clock();
  const m = /^([A-Za-z0-9_-]{1,80})\.(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(challenge);
  if (!m) throw challengeRefused('not a challenge of this server');
  const userId = Buffer.from(m[1]!, 'base64url').toString('utf8');
  const expires = Number(m[2]);
  const nonce = qrNonceOf(ctx);
  const cred = await deps.db.passwordCredential.findUnique({ where: { userId } });
  const expected = cred && nonce ? challengeSignature(deps, userId, expires, passwordVersion(cred), nonce) : '';
  const sigOk = expected.length === m[3]!.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(m[3]!));
  // another browser, a changed password, a forged or damaged token: all alike
  if (!cred || !sigOk) throw challengeRefused('not valid in this browser');
  if (expires <= now.getTime()) throw challengeRefused('expired');
  if (cred.lockedUntil && cred.lockedUntil > now) throw locked(cred.lockedUntil, now);
  const totp = await enabledCredential(deps, userId);
  // turned off (or reset by an admin) since the password: the password alone signs in now
  if (!totp) throw challengeRefused('two-step sign-in is no longer on for this account');
  await spendSecondFactor(deps, userId, totp.secretSealed, f, now);
  await clearFailures(deps, cred);
  const account = await loadViewer(deps.db, userId);
  if (!account || !mayHaveConsolePassword(account)) throw forbidden('this account has no staff role any more; ask an administrator');
  return startConsoleSession(deps, ctx, account, cred.mustChange);
}

// ---- the account holder's 安全设置 -----------------------------------------------------

/** GET /api/auth/totp */
export async function twoStepStatus(deps: Deps, viewer: Viewer) {
  const [cred, totp, left] = await Promise.all([
    deps.db.passwordCredential.findUnique({ where: { userId: viewer.userId }, select: { userId: true } }),
    enabledCredential(deps, viewer.userId),
    deps.db.totpRecoveryCode.count({ where: { userId: viewer.userId, usedAt: null } }),
  ]);
  return { passwordSignIn: !!cred, enabled: !!totp, enabledAt: totp?.enabledAt ?? null, recoveryCodesLeft: totp ? left : 0 };
}

/** POST /api/auth/totp/enrol: a new secret (replacing an unconfirmed one); on only after /confirm. */
export async function enrolTotp(deps: Deps, viewer: Viewer) {
  const cred = await deps.db.passwordCredential.findUnique({ where: { userId: viewer.userId }, select: { username: true } });
  if (!cred) throw new AppError('conflict', 'two-step sign-in guards password sign-in, and this account has no password (ask a platform administrator)', undefined, 'no_password');
  if (await enabledCredential(deps, viewer.userId)) throw new AppError('conflict', 'two-step sign-in is already on; turn it off first to change the phone', undefined, 'already_enabled');
  const secret = new Secret({ size: 20 }).base32; // 160 bits, as RFC 4226 recommends for SHA-1
  const now = deps.clock();
  const data = { secretSealed: sealSecret(deps.config.idNumbers, secret), enabledAt: null, lastUsedStep: null, createdAt: now };
  await deps.db.totpCredential.upsert({ where: { userId: viewer.userId }, create: { userId: viewer.userId, ...data }, update: data });
  const otpauthUri = totpOf(secret, cred.username).toString();
  return {
    secret: secret.replace(/(.{4})(?=.)/g, '$1 '),
    otpauthUri,
    qrImage: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240, errorCorrectionLevel: 'M' }),
  };
}

/** POST /api/auth/totp/confirm: the first right code turns it on; the ten recovery codes, shown this once. */
export async function confirmTotp(deps: Deps, viewer: Viewer, code: string) {
  const pending = await deps.db.totpCredential.findUnique({ where: { userId: viewer.userId } });
  if (!pending) throw new AppError('conflict', 'nothing to confirm: start with POST /api/auth/totp/enrol', undefined, 'not_enrolling');
  if (pending.enabledAt) throw new AppError('conflict', 'two-step sign-in is already on', undefined, 'already_enabled');
  const now = deps.clock();
  const step = stepOf(openSecret(deps.config.idNumbers, pending.secretSealed), code, now);
  // nothing written: the person looks at the phone again
  if (step === null) throw new AppError('invalid_request', 'code: wrong code (check that the phone\'s time is right)', [{ path: 'body.code', message: 'wrong code' }], 'wrong_code');
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await deps.db.$transaction(async (tx) => {
    // only the secret this person's phone showed the code of (a second enrolment meanwhile: nothing turned on)
    const r = await tx.totpCredential.updateMany({ where: { userId: viewer.userId, enabledAt: null, secretSealed: pending.secretSealed }, data: { enabledAt: now, lastUsedStep: step } });
    if (r.count !== 1) throw new AppError('conflict', 'the two-step key changed meanwhile; scan the new one', undefined, 'not_enrolling');
    await tx.totpRecoveryCode.deleteMany({ where: { userId: viewer.userId } });
    await tx.totpRecoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId: viewer.userId, codeHash: hashRecoveryCode(c), createdAt: now })) });
  });
  return { enabledAt: now, recoveryCodes };
}

/** POST /api/auth/totp/disable: the current password and a code (or a recovery code); wrong ones count toward the lockout. */
export async function disableTotp(deps: Deps, viewer: Viewer, currentPassword: string, f: SecondFactor) {
  const now = deps.clock();
  const cred = await deps.db.passwordCredential.findUnique({ where: { userId: viewer.userId } });
  const totp = await enabledCredential(deps, viewer.userId);
  if (!cred || !totp) throw new AppError('conflict', 'two-step sign-in is not on', undefined, 'not_enabled');
  const ok = await verify(cred.passwordHash, currentPassword);
  if (cred.lockedUntil && cred.lockedUntil > now) throw locked(cred.lockedUntil, now);
  if (!ok) {
    const until = await countFailure(deps, cred.userId, now);
    if (until) throw locked(until, now);
    throw new AppError('forbidden', 'currentPassword: wrong password', [{ path: 'body.currentPassword', message: 'wrong password' }], 'wrong_password');
  }
  await spendSecondFactor(deps, viewer.userId, totp.secretSealed, f, now);
  await deps.db.$transaction(async (tx) => {
    await tx.totpCredential.deleteMany({ where: { userId: viewer.userId } });
    await tx.totpRecoveryCode.deleteMany({ where: { userId: viewer.userId } });
  });
  await clearFailures(deps, cred);
}

// ---- an administrator's reset ----------------------------------------------------------

/** POST /api/auth/accounts/:userId/totp/reset: a lost phone. Off, every session of the account ended, in the audit log. */
export async function resetTotp(deps: Deps, viewer: Viewer, userId: string) {
  const target = await loadViewer(deps.db, userId);
  if (!target) throw notFound('account');
  if (!mayResetTwoStep(viewer, target)) {
    throw forbidden(viewer.userId === userId ? 'one\'s own two-step sign-in is turned off with the password and a code (or a recovery code)' : 'you may not manage this account');
  }
  if (!(await enabledCredential(deps, userId))) throw new AppError('conflict', 'two-step sign-in is not on for this account', undefined, 'not_enabled');
  const now = deps.clock();
  const sessionsEnded = await deps.db.$transaction(async (tx) => {
    await tx.totpCredential.deleteMany({ where: { userId } });
    await tx.totpRecoveryCode.deleteMany({ where: { userId } });
    // whoever has the phone may hold a mini-program session on it too
    const ended = await endAllSessions(tx, userId, now);
    await recordAdminChange(tx, {
      actor: viewer, action: 'totp.reset', at: now,
      target: { type: 'user', id: userId, communityId: homeCommunity(target), regionId: homeRegion(target) },
      before: { twoStepEnabled: true },
      after: { twoStepEnabled: false, sessionsEnded: ended },
    });
    return ended;
  });
  return { userId, twoStepEnabled: false as const, sessionsEnded };
}
