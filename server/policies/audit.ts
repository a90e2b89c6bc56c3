// The audit log (操作记录): who reads which entries.
import type { Viewer } from '../auth/viewer.js';
import { communitiesAdministeredAbove, isAdmin, regionsAdministered } from './roles.js';

/**
 * Administrators read it: the platform admin every entry, a 县/街道 admin the
 * entries of the communities and regions under them. Oversight roles, community
 * staff and workers do not (it names accounts and who changed what).
 */
export const mayReadAudit = (v: Viewer) => isAdmin(v) || regionsAdministered(v).length > 0;

/** Whose entries the viewer reads: every one (null), or those of these communities and regions. */
export const auditScopeOf = (v: Viewer): { communityIds: string[]; regionIds: string[] } | null =>
  isAdmin(v) ? null : { communityIds: communitiesAdministeredAbove(v), regionIds: regionsAdministered(v) };
