// Opaque bearer tokens. Only an HMAC of each token is stored, so a copy of the
// database does not hand out working tokens; a session can be revoked.
import crypto from 'node:crypto';
import type { Deps } from '../context.js';
import { toViewer, viewerSelect, type Viewer } from './viewer.js';

const hashToken = (secret: string, token: string) =>
  crypto.createHmac('sha256', secret).update(token).digest('base64url');

export async function issueSession(deps: Deps, userId: string) {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(deps.clock().getTime() + deps.config.sessionTtlMs);
  await deps.db.session.create({
    data: { userId, tokenHash: hashToken(deps.config.sessionSecret, token), expiresAt },
  });
  return { token, expiresAt };
}

/** The user a token belongs to, or null for an unknown, expired or revoked token. */
export async function userIdForToken(deps: Deps, token: string): Promise<string | null> {
  const s = await deps.db.session.findUnique({
    where: { tokenHash: hashToken(deps.config.sessionSecret, token) },
    select: { userId: true, expiresAt: true, revokedAt: true },
  });
  if (!s || s.revokedAt || s.expiresAt <= deps.clock()) return null;
  return s.userId;
}

/**
 * The signed-in user a token belongs to, or null for an unknown, expired or
 * revoked token: the session and the viewer in one query (this runs on every
 * request, and each Prisma query has a fixed cost well above its SQL's).
 */
export async function viewerForToken(deps: Deps, token: string): Promise<Viewer | null> {
  const s = await deps.db.session.findUnique({
    where: { tokenHash: hashToken(deps.config.sessionSecret, token) },
    select: { expiresAt: true, revokedAt: true, user: { select: viewerSelect } },
  });
  if (!s || s.revokedAt || s.expiresAt <= deps.clock()) return null;
  return toViewer(s.user);
}

export async function revokeSession(deps: Deps, token: string): Promise<void> {
  await deps.db.session.updateMany({
    where: { tokenHash: hashToken(deps.config.sessionSecret, token), revokedAt: null },
    data: { revokedAt: deps.clock() },
  });
}
