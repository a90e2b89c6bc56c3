// The Region table, this folder's own (Prisma), and the region roles: the UserRole
// rows with a regionId (COUNTY_*, STREET_*) are written here only; the community
// roles' rows belong to server/accounts. Communities are read to name them (their
// rows are server/org's).
import type { Role } from '@prisma/client';
import type { DbTx } from '../db.js';

export const regionById = (db: DbTx, id: string) =>
  db.region.findUnique({ where: { id }, select: { id: true, level: true, name: true, parentId: true, parent: { select: { name: true } } } });

export const countyNamed = (db: DbTx, name: string) => db.region.findFirst({ where: { level: 'COUNTY', name, parentId: null }, select: { id: true } });

export const insertRegion = (db: DbTx, r: { level: 'COUNTY' | 'STREET'; name: string; parentId: string | null; createdAt: Date }) =>
  db.region.create({ data: r, select: { id: true, level: true, name: true, parentId: true, createdAt: true } });

/** Regions with their communities and officials; `ids` null: every region. */
export const regionsWithDetail = (db: DbTx, ids: string[] | null) =>
  db.region.findMany({
    where: ids ? { id: { in: ids } } : {},
    orderBy: [{ level: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      level: true,
      name: true,
      parentId: true,
      createdAt: true,
      communities: { select: { id: true, name: true, estate: true, district: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
      roles: { select: { id: true, role: true, createdAt: true, user: { select: { id: true, displayName: true } } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });

export const regionRoleHeld = (db: DbTx, userId: string, role: Role, regionId: string) =>
  db.userRole.findFirst({ where: { userId, role, regionId }, select: { id: true } });

export const insertRegionRole = (db: DbTx, r: { userId: string; role: Role; regionId: string; createdAt: Date }) =>
  db.userRole.create({ data: r, select: { id: true, role: true, createdAt: true } });

export const regionRoleById = (db: DbTx, id: string, regionId: string) =>
  db.userRole.findFirst({
    where: { id, regionId },
    select: { id: true, role: true, userId: true, user: { select: { displayName: true } } },
  });

export const deleteRegionRole = (db: DbTx, id: string) => db.userRole.deleteMany({ where: { id, regionId: { not: null } } });

/** Accounts a region role may go to: by name, never a resident's own (linked) account. */
export const accountsNamed = (db: DbTx, q: string) =>
  db.user.findMany({
    where: { residentId: null, displayName: { contains: q } },
    select: { id: true, displayName: true, roles: { select: { role: true } } },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    take: 20,
  });

export const accountById = (db: DbTx, id: string) => db.user.findUnique({ where: { id }, select: { id: true, displayName: true, residentId: true } });

// ---- RegionInvite: invitations to a region role, this folder's own (Prisma) ----

export const insertRegionInvite = (
  db: DbTx,
  r: { regionId: string; role: Role; name: string; codeHash: string; expiresAt: Date; createdById: string; createdAt: Date },
) => db.regionInvite.create({ data: r });

export const regionInviteByHash = (db: DbTx, codeHash: string) => db.regionInvite.findUnique({ where: { codeHash } });

export const regionInviteById = (db: DbTx, id: string, regionId: string) => db.regionInvite.findFirst({ where: { id, regionId } });

/** A region's invitations not yet used, withdrawn or expired, of these roles, newest first. */
export const openRegionInvites = (db: DbTx, regionId: string, roles: Role[], now: Date) =>
  db.regionInvite.findMany({
    where: { regionId, role: { in: roles }, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 200,
  });

/** Spends or withdraws an open invitation: false when someone else did first. */
export const closeRegionInvite = async (db: DbTx, id: string, data: { usedAt: Date; usedById: string } | { revokedAt: Date }) =>
  (await db.regionInvite.updateMany({ where: { id, usedAt: null, revokedAt: null }, data })).count === 1;

export const namesOfUsers = (db: DbTx, ids: string[]) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });

/** The account's first name, from the invitation, when it has no other role and is no resident's (a first WeChat sign-in). */
export const nameNewAccount = (db: DbTx, userId: string, keepRoleId: string, name: string) =>
  db.user.updateMany({ where: { id: userId, residentId: null, roles: { none: { id: { not: keepRoleId } } } }, data: { displayName: name } });
