import type { Prisma } from '@prisma/client';
import type { Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { rolesManageable } from '../policies/index.js';
import { communityOf } from './places.js';
import { presentAccount } from './presenter.js';
import type { AccountsQuery } from './schemas.js';

const placeSelect = { select: { id: true, name: true } } as const;

/**
 * 账号: the community's accounts that hold the roles the viewer manages (staff: 楼栋长 and
 * 网格员; administrators: staff and reviewers too), by name, each with those roles.
 */
export async function listAccounts(deps: Deps, v: Viewer, q: AccountsQuery) {
  const communityId = communityOf(v, q.communityId, 'query.communityId');
  const manageable = rolesManageable(v, communityId);
  if (!manageable.length) throw notFound('communityId: community');
  const roles = q.role ? manageable.filter((r) => r === q.role) : manageable;
  const roleWhere: Prisma.UserRoleWhereInput = { communityId, role: { in: roles } };
  const rows = await deps.db.user.findMany({
    where: { roles: { some: roleWhere }, ...(q.q ? { displayName: { contains: q.q } } : {}) },
    select: {
      id: true,
      displayName: true,
      residentId: true,
      roles: {
        where: roleWhere,
        select: { id: true, role: true, createdAt: true, grid: placeSelect, building: placeSelect },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    ...cursorArgs(q),
  });
  const page = toPage(rows, q.limit);
  return { items: page.items.map((u) => presentAccount(u, u.roles)), nextCursor: page.nextCursor, manageable, communityId };
}
