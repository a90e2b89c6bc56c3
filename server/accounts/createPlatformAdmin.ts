// The first platform administrator of a new deployment. A production database starts empty
// and dev-login is refused there, so someone with a shell on the server makes the first
// account (`npm run admin:create`): it signs in at /console/ with a first password that
// must be changed at once, then makes the 县, 街道 and communities and names everyone else.
import crypto from 'node:crypto';
import type { Deps } from '../context.js';
import { recordAdminChange } from '../audit/index.js';
import { createAccount, loadViewer, setFirstPassword } from '../auth/index.js';
import { AppError } from '../errors.js';

// no 0/O, 1/l/I: read off a terminal and typed by hand once
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function firstPassword(length = 14): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface PlatformAdminInput {
  username: string;
  displayName: string;
}

/** A new account holding the platform role, with a first password (returned once, never stored in clear). */
export async function createPlatformAdmin(deps: Deps, input: PlatformAdminInput) {
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > 40) throw new AppError('invalid_request', 'name: 1 to 40 characters', [{ path: 'name', message: '1 to 40 characters' }]);
  const now = deps.clock();
  const taken = await deps.db.passwordCredential.findUnique({ where: { username: input.username.trim().toLowerCase() }, select: { userId: true } });
  if (taken) throw new AppError('conflict', `username: ${input.username} is taken`, [{ path: 'username', message: 'taken' }], 'username_taken');
  const user = await deps.db.$transaction(async (tx) => {
    const u = await createAccount(tx, { displayName, createdAt: now });
    await tx.userRole.create({ data: { userId: u.id, role: 'ADMIN', communityId: null, createdAt: now } });
    // the command line acts for the deployment; the entry names the account it made
    await recordAdminChange(tx, {
      actor: { userId: u.id },
      action: 'admin.bootstrap',
      at: now,
      target: { type: 'user', id: u.id },
      before: null,
      after: { role: 'ADMIN', name: displayName, by: 'npm run admin:create' },
    });
    return u;
  });
  const viewer = await loadViewer(deps.db, user.id);
  if (!viewer) throw new Error('the new administrator cannot be loaded');
  const password = firstPassword();
  const cred = await setFirstPassword(deps, viewer, user.id, input.username, password);
  deps.logger.info({ userId: user.id, username: cred.username }, 'platform administrator created from the command line');
  return { userId: user.id, username: cred.username, password };
}
