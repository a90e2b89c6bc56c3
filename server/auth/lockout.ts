// The one lockout of a password account: wrong passwords and wrong two-step codes
// (server/auth/totp.ts) count in the same row, so a guesser gains nothing by
// switching between them.
import type { Deps } from '../context.js';
import { AppError } from '../errors.js';

/** Wrong passwords (or codes) in a row before the account is locked… */
export const MAX_FAILED_ATTEMPTS = 5;
/** …for this long. */
export const LOCKOUT_MS = 15 * 60_000;

export function locked(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'forbidden',
    `this account is locked after ${MAX_FAILED_ATTEMPTS} wrong passwords; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    undefined,
    'locked',
    { 'Retry-After': String(minutes * 60) },
  );
}

/** One more wrong password or code; the one that reaches the limit locks the account (and starts the count again). */
export async function countFailure(deps: Deps, userId: string, now: Date): Promise<Date | null> {
  const row = await deps.db.passwordCredential.update({
    where: { userId },
    data: { failedAttempts: { increment: 1 } },
    select: { failedAttempts: true },
  });
  if (row.failedAttempts < MAX_FAILED_ATTEMPTS) return null;
  const until = new Date(now.getTime() + LOCKOUT_MS);
  await deps.db.passwordCredential.update({ where: { userId }, data: { failedAttempts: 0, lockedUntil: until } });
  return until;
}

/** A right password and code: the count starts again. */
export async function clearFailures(deps: Deps, cred: { userId: string; failedAttempts: number; lockedUntil: Date | null }) {
  if (cred.failedAttempts || cred.lockedUntil) {
    await deps.db.passwordCredential.update({ where: { userId: cred.userId }, data: { failedAttempts: 0, lockedUntil: null } });
  }
}
