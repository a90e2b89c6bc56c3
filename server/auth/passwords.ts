// Password sign-in for the staff console: argon2id hashes, a lockout after
// repeated wrong passwords, and a first password (set by an admin) that must be
// changed before anything else; with 两步验证 on, a second step (server/auth/totp.ts).
// Passwords and hashes never leave this file: not in an answer, not in a log line.
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { AppContext, Deps } from '../context.js';
import { isUniqueViolation } from '../db.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { recordAdminChange } from '../audit/index.js';
import { homeCommunity, homeRegion, mayHaveConsolePassword, mayManagePasswords } from '../policies/index.js';
import { refuseForeignOrigin } from './consoleSession.js';
import { startConsoleSession } from './consoleSignIn.js';
import { clearFailures, countFailure, locked } from './lockout.js';
import { totpChallengeFor } from './totp.js';
import { endConsoleSessions } from './sessions.js';
import { loadViewer, type Viewer } from './viewer.js';

// argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane); the
// parameters are in each PHC string, so raising them later still verifies old hashes
const ARGON2 = { algorithm: 2 as Algorithm /* Argon2id (an ambient const enum: not importable as a value) */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

const hashPassword = (password: string) => hash(password, ARGON2);

// an unknown username is checked against this, so it takes as long as a known one
let dummyHash: Promise<string> | null = null;
const dummy = () => (dummyHash ??= hashPassword('not-a-password-of-anyone'));

export const normalUsername = (u: string) => u.trim().toLowerCase();

const wrong = () => new AppError('unauthenticated', 'wrong username or password', undefined, 'wrong_password');

/** POST /api/auth/password: a right password starts a console session (the cookie); the answer holds no token. */
export async function signInWithPassword(deps: Deps, ctx: AppContext, username: string, password: string) {
  // a page of another site may not sign this browser in (login CSRF)
  refuseForeignOrigin(ctx);
  const now = deps.clock();
  const cred = await deps.db.passwordCredential.findUnique({ where: { username: normalUsername(username) } });
  if (!cred) {
    await verify(await dummy(), password);
    throw wrong();
  }
  // verified even when locked, so a locked account answers no faster than another
  const ok = await verify(cred.passwordHash, password);
  if (cred.lockedUntil && cred.lockedUntil > now) throw locked(cred.lockedUntil, now);
  if (!ok) {
    const until = await countFailure(deps, cred.userId, now);
    throw until ? locked(until, now) : wrong();
  }
  const account = await loadViewer(deps.db, cred.userId);
  // a role taken away since the password was set: the console has nothing for this account
  if (!account || !mayHaveConsolePassword(account)) throw forbidden('this account has no staff role any more; ask an administrator');
  // 两步验证 on: no session yet, a challenge for the code (the failure count goes on until the code is right)
  const challenge = await totpChallengeFor(deps, ctx, cred);
  if (challenge) return challenge;
  await clearFailures(deps, cred);
  return startConsoleSession(deps, ctx, account, cred.mustChange);
}

function checkNewPassword(password: string, username: string) {
  if (normalUsername(password) === username) throw new AppError('invalid_request', 'newPassword: must not be the username', [{ path: 'body.newPassword', message: 'must not be the username' }]);
}

/** POST /api/auth/password/change: the current password, then a new one; other console sessions of the account end. */
export async function changePassword(deps: Deps, viewer: Viewer, sessionId: string | undefined, currentPassword: string, newPassword: string) {
  const now = deps.clock();
  const cred = await deps.db.passwordCredential.findUnique({ where: { userId: viewer.userId } });
  if (!cred) throw notFound('a password of this account');
  const ok = await verify(cred.passwordHash, currentPassword);
  if (cred.lockedUntil && cred.lockedUntil > now) throw locked(cred.lockedUntil, now);
  if (!ok) {
    const until = await countFailure(deps, cred.userId, now);
    if (until) throw locked(until, now);
    throw new AppError('forbidden', 'currentPassword: wrong password', [{ path: 'body.currentPassword', message: 'wrong password' }], 'wrong_password');
  }
  if (currentPassword === newPassword) {
    throw new AppError('invalid_request', 'newPassword: must differ from the current one', [{ path: 'body.newPassword', message: 'must differ from the current one' }]);
  }
  checkNewPassword(newPassword, cred.username);
  const passwordHash = await hashPassword(newPassword);
  await deps.db.$transaction(async (tx) => {
    await tx.passwordCredential.update({
      where: { userId: cred.userId },
      data: { passwordHash, mustChange: false, changedAt: now, failedAttempts: 0, lockedUntil: null },
    });
    // whoever knew the old password is signed out of the console; this browser stays
    await tx.session.updateMany({
      where: { userId: cred.userId, kind: 'console', revokedAt: null, ...(sessionId ? { id: { not: sessionId } } : {}) },
      data: { revokedAt: now },
    });
  });
}

/**
 * POST /api/auth/accounts/:userId/password: an administrator enables password
 * sign-in for a staff-side account, or resets it, with a first password the
 * person must change at their first sign-in. The account's console sessions end.
 */
export async function setFirstPassword(deps: Deps, viewer: Viewer, userId: string, username: string, password: string) {
  if (!mayManagePasswords(viewer)) throw forbidden('only a platform administrator may set passwords');
  const target = await loadViewer(deps.db, userId);
  if (!target) throw notFound('account');
  if (!mayHaveConsolePassword(target)) {
    throw new AppError('conflict', 'this account has no staff-side role (网格员, 社区干部, 党组织, 管理员): it signs in with WeChat only', undefined, 'no_console_role');
  }
  const name = normalUsername(username);
  checkNewPassword(password, name);
  const passwordHash = await hashPassword(password);
  const now = deps.clock();
  try {
    await deps.db.$transaction(async (tx) => {
      const data = { username: name, passwordHash, mustChange: true, failedAttempts: 0, lockedUntil: null, changedAt: now };
      const had = await tx.passwordCredential.findUnique({ where: { userId }, select: { username: true } });
      await tx.passwordCredential.upsert({ where: { userId }, create: { userId, ...data }, update: data });
      const ended = await endConsoleSessions(tx, userId, now);
      // the username only: never the password or its hash
      await recordAdminChange(tx, {
        actor: viewer, action: 'password.set', at: now,
        target: { type: 'user', id: userId, communityId: homeCommunity(target), regionId: homeRegion(target) },
        before: had ? { username: had.username } : null,
        after: { username: name, mustChangePassword: true, consoleSessionsEnded: ended },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('conflict', `username: ${name} is taken`, [{ path: 'body.username', message: 'taken' }], 'username_taken');
    throw e;
  }
  return { userId, username: name, mustChangePassword: true };
}
