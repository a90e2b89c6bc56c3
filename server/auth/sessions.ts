// Opaque bearer tokens. Only an HMAC of each token is stored, so a copy of the
// database does not hand out working tokens; a session can be revoked.
import crypto from 'node:crypto';
import type { Deps } from '../context.js';
import { sql } from '../sql.js';
import { type RoleGrant, type Viewer } from './viewer.js';

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

interface ViewerRow {
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
}

/**
 * The signed-in user a token belongs to, or null for an unknown, expired or
 * revoked token. This runs on every request, so it is one hand-written query
 * (server/sql.ts): the session, the user, their home and their roles, one row
 * per role.
 */
export async function viewerForToken(deps: Deps, token: string): Promise<Viewer | null> {
  const rows = await deps.sql.all<ViewerRow>(sql`
    SELECT s."expiresAt", s."revokedAt", u.id AS "userId", u."displayName",
           r.id AS "residentId", r.name AS "residentName", r."householdId", r."communityId" AS "residentCommunityId",
           h."buildingId", b."gridId",
           ur.role, ur."communityId" AS "roleCommunityId", ur."gridId" AS "roleGridId", ur."buildingId" AS "roleBuildingId"
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    LEFT JOIN "Resident" r ON r.id = u."residentId"
    LEFT JOIN "Household" h ON h.id = r."householdId"
    LEFT JOIN "Building" b ON b.id = h."buildingId"
    LEFT JOIN "UserRole" ur ON ur."userId" = u.id
    WHERE s."tokenHash" = ${hashToken(deps.config.sessionSecret, token)}
    ORDER BY ur."createdAt", ur.id`);
  const s = rows[0];
  if (!s || s.revokedAt || s.expiresAt <= deps.clock()) return null;
  return {
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
    roles: rows
      .filter((r) => r.role)
      .map((r) => ({ role: r.role!, communityId: r.roleCommunityId, gridId: r.roleGridId, buildingId: r.roleBuildingId })),
  };
}

export async function revokeSession(deps: Deps, token: string): Promise<void> {
  await deps.db.session.updateMany({
    where: { tokenHash: hashToken(deps.config.sessionSecret, token), revokedAt: null },
    data: { revokedAt: deps.clock() },
  });
}
