// Every role given, removed, invited and withdrawn goes to the audit log (server/audit),
// inside the change's own transaction: no entry, no change. Names of roles, places and
// accounts only; never a code.
import type { Role } from '@prisma/client';
import { recordAdminChange } from '../audit/index.js';
import type { DbTx } from '../db.js';

type Place = { id: string; name: string } | null;

export interface RoleChange {
  actorId: string;
  action: 'role.assign' | 'role.remove' | 'role.invite' | 'role.invite_withdraw' | 'role.invite_accept';
  communityId: string;
  /** the account, or for an invitation not yet used, the invitation */
  target: { type: 'user' | 'role_invite'; id: string };
  /** the role as it was (null: there was none) and as it is (null: gone) */
  before: RoleFacts | null;
  after: RoleFacts | null;
  at: Date;
}

export interface RoleFacts {
  role: Role;
  grid?: Place;
  building?: Place;
  /** the account's or the invited person's name */
  name?: string;
}

const values = (f: RoleFacts | null) =>
  f && { role: f.role, ...(f.grid ? { grid: f.grid.name } : {}), ...(f.building ? { building: f.building.name } : {}), ...(f.name ? { name: f.name } : {}) };

export async function recordRoleChange(tx: DbTx, c: RoleChange): Promise<void> {
  await recordAdminChange(tx, {
    actor: { userId: c.actorId },
    action: c.action,
    at: c.at,
    target: { type: c.target.type, id: c.target.id, communityId: c.communityId },
    before: values(c.before),
    after: values(c.after),
  });
}
