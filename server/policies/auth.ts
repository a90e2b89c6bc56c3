// Password sign-in: who may give an account a password, and which accounts may have one.
import type { Role } from '@prisma/client';
import type { Viewer } from '../auth/viewer.js';
import { isAdmin, mayAdministerCommunity } from './roles.js';

/** The roles that use the staff console: a resident or building head has no business there (they use the mini-program). */
const CONSOLE_ROLES: readonly Role[] = [
  'GRID_WORKER', 'STAFF', 'REVIEWER', 'ADMIN',
  // 县/街道 officials work at a PC: the oversight views, the audit log, their regions
  'COUNTY_ADMIN', 'COUNTY_OVERSIGHT', 'STREET_ADMIN', 'STREET_OVERSIGHT',
];

/** Holds a staff-side role: may have a console password. */
export const mayHaveConsolePassword = (v: Viewer) => v.roles.some((r) => CONSOLE_ROLES.includes(r.role));

/**
 * 扫码登录: may sign a browser in to the console by scanning its code, and (checked
 * again when the browser picks the session up) may hold that session. The same
 * staff-side roles: a resident's or building head's WeChat opens nothing there.
 */
export const mayUseConsole = (v: Viewer) => v.roles.some((r) => CONSOLE_ROLES.includes(r.role));

/**
 * Enabling password sign-in and setting a first password is a platform
 * administrator's: a password is a second way into an account, and community
 * staff setting one for a colleague could then sign in as them.
 */
export const mayManagePasswords = (v: Viewer) => isAdmin(v);

/**
 * 两步验证 reset (a lost phone): the platform administrator, or the 街道/县 admins
 * above every community where the account holds its roles. An account with a role
 * outside any community (a platform or 街道/县 role) is the platform admin's alone,
 * and nobody resets their own (they turn it off with password + code, or use a
 * recovery code).
 */
export function mayResetTwoStep(v: Viewer, target: Viewer): boolean {
  if (v.userId === target.userId) return false;
  if (isAdmin(v)) return true;
  return target.roles.length > 0 && target.roles.every((r) => r.communityId !== null && mayAdministerCommunity(v, r.communityId));
}
