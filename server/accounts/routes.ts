// /api/accounts: the community's working accounts and their roles (楼栋长, 网格员, staff,
// 党组织 reviewers): give, remove, and invite people not yet on e家社区 (issue #19 item 3).
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { limitInviting } from '../rateLimit.js';
import { assignRole } from './assignRole.js';
import { listAccounts } from './listAccounts.js';
import { removeRole } from './removeRole.js';
import { createRoleInvite, listRoleInvites, withdrawRoleInvite } from './roleInvites.js';
import {
  accountPage,
  accountsQuery,
  assignedRole,
  assignRoleBody,
  invitesQuery,
  newRoleInvite,
  removedRole,
  roleInviteBody,
  roleInviteList,
} from './schemas.js';

export const accountRoutes = routeGroup('accounts', '/api/accounts', "账号: the community's working accounts and their roles, given by staff (楼栋长, 网格员) and the community's administrators (staff, reviewers)", [
  route({
    method: 'get',
    path: '/',
    summary: "The community's accounts holding the roles the viewer manages, by name, with those roles",
    query: accountsQuery,
    response: accountPage,
    handler: ({ deps, viewer, query }) => listAccounts(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/roles',
    summary: 'Give a role to an account the community already has (a resident’s own account is refused: invite a second one)',
    status: 201,
    body: assignRoleBody,
    response: assignedRole,
    handler: ({ deps, viewer, body }) => assignRole(deps, viewer, body),
  }),
  route({
    method: 'delete',
    path: '/roles/:id',
    summary: "Remove a role: its access ends at once, every session of the account ends, a grid worker's open orders of the grid go back to 待派单",
    params: idParams,
    response: removedRole,
    handler: ({ deps, viewer, params }) => removeRole(deps, viewer, params.id),
  }),
  route({
    method: 'get',
    path: '/invites',
    summary: 'Invitations not yet used, withdrawn or expired',
    query: invitesQuery,
    response: roleInviteList,
    handler: ({ deps, viewer, query }) => listRoleInvites(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/invites',
    summary: 'A one-time code (7 days) that gives the role to the WeChat account entering it in the mini-program (POST /api/me/link)',
    status: 201,
    use: [limitInviting],
    body: roleInviteBody,
    response: newRoleInvite,
    handler: ({ deps, viewer, body }) => createRoleInvite(deps, viewer, body),
  }),
  route({
    method: 'delete',
    path: '/invites/:id',
    summary: 'Withdraw an invitation not yet used',
    status: 204,
    params: idParams,
    response: null,
    handler: async ({ deps, viewer, params }) => {
      await withdrawRoleInvite(deps, viewer, params.id);
    },
  }),
]);
