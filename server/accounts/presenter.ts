// What the 账号 page shows of an account and its roles: names and places, nothing personal
// (no phones, no ID numbers: an account is not a resident's record).
import type { Role } from '@prisma/client';
import type { CommunityRole } from '../policies/index.js';

type Place = { id: string; name: string };

export interface RoleRow {
  id: string;
  role: Role;
  createdAt: Date;
  grid: Place | null;
  building: Place | null;
}

export const presentGrant = (r: RoleRow) => ({
  id: r.id,
  role: r.role as CommunityRole,
  grid: r.grid,
  building: r.building,
  since: r.createdAt,
});

export const presentAccount = (
  u: { id: string; displayName: string; residentId: string | null },
  roles: RoleRow[],
  twoStep: { on: boolean; mayReset: boolean } = { on: false, mayReset: false },
) => ({
  id: u.id,
  name: u.displayName,
  residentAccount: u.residentId !== null,
  roles: roles.map(presentGrant),
  twoStep: twoStep.on,
  mayResetTwoStep: twoStep.on && twoStep.mayReset,
});

export const presentInvite = (i: {
  id: string;
  name: string;
  role: Role;
  expiresAt: Date;
  createdAt: Date;
  grid: Place | null;
  building: Place | null;
  createdBy: Place;
}) => ({
  id: i.id,
  name: i.name,
  role: i.role as CommunityRole,
  grid: i.grid,
  building: i.building,
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
  createdBy: i.createdBy,
});
