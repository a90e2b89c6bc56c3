import type { Prisma } from '@prisma/client';
import { twoStepOn, type Viewer } from '../auth/index.js';
import type { Deps } from '../context.js';
import { notFound } from '../errors.js';
import { cursorArgs, toPage } from '../http/paging.js';
import { mayResetTwoStep, rolesManageable } from '../policies/index.js';
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
      // every role of the account: who may reset its 两步验证 depends on all of them; the page shows roleWhere's
      roles: {
        select: { id: true, role: true, createdAt: true, communityId: true, gridId: true, buildingId: true, regionId: true, grid: placeSelect, building: placeSelect },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
    ...cursorArgs(q),
  });
  const page = toPage(rows, q.limit);
  const twoStep = await twoStepOn(deps.db, page.items.map((u) => u.id));
  const shown = (r: { role: string; communityId: string | null }) => r.communityId === communityId && (roles as string[]).includes(r.role);
  return {
    items: page.items.map((u) => {
      // the account as the policy sees it: its id and every role it holds
      const target: Viewer = { userId: u.id, displayName: u.displayName, resident: null, roles: u.roles, regions: [] };
      return presentAccount(u, u.roles.filter(shown), { on: twoStep.has(u.id), mayReset: mayResetTwoStep(v, target) });
    }),
    nextCursor: page.nextCursor,
    manageable,
    communityId,
  };
}
