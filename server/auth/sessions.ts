// Opaque bearer tokens. Only an HMAC of each token is stored, so a copy of the
// database does not hand out working tokens; a session can be revoked.
import crypto from 'node:crypto';
import type { Deps } from '../context.js';
import type { DbTx } from '../db.js';
import { sql } from '../sql.js';
import { regionReachOf, type RoleGrant, type Viewer } from './viewer.js';

const hashToken = (secret: string, token: string) =>
  crypto.createHmac('sha256', secret).update(token).digest('base64url');

export type SessionKind = 'token' | 'console';

/** The role grants a console session is signed in with, one string each (see roleStamp). */
const grantKey = (g: Pick<RoleGrant, 'role' | 'communityId' | 'gridId' | 'buildingId' | 'regionId'>) =>
  // the region only when there is one, so stamps of sessions signed in before region roles still match
  [g.role, g.communityId ?? '', g.gridId ?? '', g.buildingId ?? '', ...(g.regionId ? [g.regionId] : [])].join(':');

export async function issueSession(
  deps: Deps,
  userId: string,
  opts: { kind?: SessionKind; ttlMs?: number; userAgent?: string; roles?: RoleGrant[] } = {},
) {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + (opts.ttlMs ?? deps.config.sessionTtlMs));
  const kind = opts.kind ?? 'token';
  const session = await deps.db.session.create({
    data: {
      userId,
      tokenHash: hashToken(deps.config.sessionSecret, token),
      expiresAt,
      kind,
      ...(kind === 'console'
        ? {
            lastSeenAt: now,
            userAgent: opts.userAgent?.slice(0, 200) || null,
            roleStamp: (opts.roles ?? []).map(grantKey).sort().join(','),
          }
        : {}),
    },
  });
  return { token, expiresAt, sessionId: session.id };
}

interface ViewerRow {
  sessionId: string;
  kind: string;
  lastSeenAt: Date | null;
  roleStamp: string | null;
  mustChange: boolean | number | null;
  expiresAt: Date;
  revokedAt: Date | null;
  userId: string;
  displayName: string;
  residentId: string | null;
  residentName: string | null;
  householdId: string | null;
  residentCommunityId: string | null;
  buildingId: string | null;
  gridId: string | null;
  role: RoleGrant['role'] | null;
  roleCommunityId: string | null;
  roleGridId: string | null;
  roleBuildingId: string | null;
  roleRegionId: string | null;
}

/**
 * The signed-in user a token belongs to, or null for an unknown, expired or
 * revoked token. This runs on every request, so it is one hand-written query
 * (server/sql.ts): the session, the user, their home and their roles, one row
 * per role.
 */
export async function viewerForToken(deps: Deps, token: string): Promise<Viewer | null> {
  return (await sessionForToken(deps, token))?.viewer ?? null;
}

/** What a request's session is, besides whose: its kind, when it was last used, whether a first password is still to be changed. */
export interface SessionInfo {
  id: string;
  kind: SessionKind;
  lastSeenAt: Date | null;
  /** the console session's role grants at sign-in, missing ones included (a removed role) */
  roleRemoved: boolean;
  mustChangePassword: boolean;
}

export async function sessionForToken(deps: Deps, token: string): Promise<{ viewer: Viewer; session: SessionInfo } | null> {
  const rows = await deps.sql.all<ViewerRow>(sql`
    SELECT s.id AS "sessionId", s.kind, s."lastSeenAt", s."roleStamp", pc."mustChange",
           s."expiresAt", s."revokedAt", u.id AS "userId", u."displayName",
           r.id AS "residentId", r.name AS "residentName", r."householdId", r."communityId" AS "residentCommunityId",
           h."buildingId", b."gridId",
           ur.role, ur."communityId" AS "roleCommunityId", ur."gridId" AS "roleGridId", ur."buildingId" AS "roleBuildingId", ur."regionId" AS "roleRegionId"
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    LEFT JOIN "Resident" r ON r.id = u."residentId"
    LEFT JOIN "Household" h ON h.id = r."householdId"
    LEFT JOIN "Building" b ON b.id = h."buildingId"
    LEFT JOIN "UserRole" ur ON ur."userId" = u.id
    LEFT JOIN "PasswordCredential" pc ON pc."userId" = u.id AND s.kind = 'console'
    WHERE s."tokenHash" = ${hashToken(deps.config.sessionSecret, token)}
    ORDER BY ur."createdAt", ur.id`);
  const s = rows[0];
  if (!s || s.revokedAt || s.expiresAt <= deps.clock()) return null;
  const roles: RoleGrant[] = rows
    .filter((r) => r.role)
    .map((r) => ({ role: r.role!, communityId: r.roleCommunityId, gridId: r.roleGridId, buildingId: r.roleBuildingId, regionId: r.roleRegionId }));
  const user: Viewer = {
    userId: s.userId,
    displayName: s.displayName,
    resident:
      s.residentId && s.householdId && s.buildingId && s.gridId && s.residentCommunityId
        ? {
            id: s.residentId,
            name: s.residentName!,
            householdId: s.householdId,
            buildingId: s.buildingId,
            gridId: s.gridId,
            communityId: s.residentCommunityId,
          }
        : null,
    roles,
    // a second look-up only for the holders of a region role (县/街道)
    regions: await regionReachOf(deps.db, roles),
  };
  const held = new Set(user.roles.map(grantKey));
  const stamped = s.roleStamp ? s.roleStamp.split(',') : [];
  return {
    viewer: user,
    session: {
      id: s.sessionId,
      kind: s.kind === 'console' ? 'console' : 'token',
      lastSeenAt: s.lastSeenAt,
      roleRemoved: stamped.some((g) => !held.has(g)),
      mustChangePassword: !!s.mustChange,
    },
  };
}

/** Ends one session by its id (the idle timeout, a removed role, the user ending it): false when it was not live. */
export async function endSession(deps: Deps, sessionId: string, userId?: string): Promise<boolean> {
  const r = await deps.db.session.updateMany({
    where: { id: sessionId, revokedAt: null, ...(userId ? { userId } : {}) },
    data: { revokedAt: deps.clock() },
  });
  return r.count > 0;
}

/** A console request was seen: keeps the idle timeout off, written at most once a minute per session. */
export async function touchSession(deps: Deps, sessionId: string, lastSeenAt: Date | null): Promise<void> {
  const now = deps.clock();
  if (lastSeenAt && now.getTime() - lastSeenAt.getTime() < 60_000) return;
  await deps.db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { lastSeenAt: now } });
}

/** The user's live sessions, newest first. */
export async function listLiveSessions(deps: Deps, userId: string) {
  return deps.db.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: deps.clock() } },
    select: { id: true, kind: true, createdAt: true, expiresAt: true, lastSeenAt: true, userAgent: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
}

/** Every console session of a user (a password changed by an admin, a role removed): the mini-program's tokens stay. */
export async function endConsoleSessions(tx: DbTx, userId: string, now: Date): Promise<number> {
  const r = await tx.session.updateMany({ where: { userId, kind: 'console', revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}

/**
 * Every live session of a user, the mini-program's tokens too (a community role removed:
 * the account signs in again and gets only what it still holds). Inside the caller's transaction.
 */
export async function endAllSessions(tx: DbTx, userId: string, now: Date): Promise<number> {
  const r = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}

export async function revokeSession(deps: Deps, token: string): Promise<void> {
  await deps.db.session.updateMany({
    where: { tokenHash: hashToken(deps.config.sessionSecret, token), revokedAt: null },
    data: { revokedAt: deps.clock() },
  });
}

/**
 * A resident left the community (server/org): the accounts linked to them are
 * unlinked, renamed so their old name shows nowhere (orders they filed name the
 * filer), and signed out everywhere. Inside the caller's transaction.
 */
export async function forgetResidentAccounts(tx: DbTx, residentId: string, now: Date, displayName: string): Promise<number> {
  const users = await tx.user.findMany({ where: { residentId }, select: { id: true } });
  if (!users.length) return 0;
  const ids = users.map((u) => u.id);
  await tx.user.updateMany({ where: { id: { in: ids } }, data: { residentId: null, displayName } });
  await tx.session.updateMany({ where: { userId: { in: ids }, revokedAt: null }, data: { revokedAt: now } });
  return ids.length;
}
