// /api/regions: the levels above the community (县/区 → 乡镇/街道 → 社区), their
// communities and their officials (issue #19).
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { limitInviting } from '../rateLimit.js';
import { createCommunity } from './createCommunity.js';
import { createRegion } from './createRegion.js';
import { listRegions } from './listRegions.js';
import { createRegionInvite, listRegionInvites, withdrawRegionInvite } from './regionInvites.js';
import { assignRegionRole, regionRoleCandidates, removeRegionRole } from './regionRoles.js';
import {
  assignRegionRoleBody,
  candidates,
  candidatesQuery,
  communityCreated,
  createCommunityBody,
  createRegionBody,
  newRegionInvite,
  regionCreated,
  regionInviteBody,
  regionInviteList,
  regionInviteParams,
  regionOfficial,
  regionRoleParams,
  regionTree,
  roleRemoved,
} from './schemas.js';

export const regionRoutes = routeGroup('regions', '/api/regions', '县/区 and 乡镇/街道 above the communities: making them, their communities, their admins and oversight officials', [
  route({
    method: 'get',
    path: '/',
    summary: 'The 县 and 街道 the viewer sees, with their communities and officials (platform admin: all; region roles: theirs)',
    response: regionTree,
    handler: ({ deps, viewer }) => listRegions(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/',
    summary: 'Creates a 县 (platform admin) or a 街道 under a 县 (platform admin, that 县’s admin)',
    body: createRegionBody,
    response: regionCreated,
    status: 201,
    handler: ({ deps, viewer, body }) => createRegion(deps, viewer, body),
  }),
  route({
    method: 'post',
    path: '/:id/communities',
    summary: 'Creates a community under a 街道 (its admin, the 县 admin above, platform admin)',
    params: idParams,
    body: createCommunityBody,
    response: communityCreated,
    status: 201,
    handler: ({ deps, viewer, params, body }) => createCommunity(deps, viewer, params.id, body),
  }),
  route({
    method: 'get',
    path: '/candidates',
    summary: 'Accounts by name that may be named officials (not residents’ own accounts; platform and region admins)',
    query: candidatesQuery,
    response: candidates,
    handler: ({ deps, viewer, query }) => regionRoleCandidates(deps, viewer, query.q),
  }),
  route({
    method: 'post',
    path: '/:id/roles',
    summary: 'Names an account admin or oversight of a 县/街道 (platform admin any; region admins the oversight of theirs and the admins below)',
    params: idParams,
    body: assignRegionRoleBody,
    response: regionOfficial,
    status: 201,
    handler: ({ deps, viewer, params, body }) => assignRegionRole(deps, viewer, params.id, body.userId, body.role),
  }),
  route({
    method: 'delete',
    path: '/:id/roles/:roleId',
    summary: 'Takes a region role away; every session of that account ends at once',
    params: regionRoleParams,
    response: roleRemoved,
    handler: ({ deps, viewer, params }) => removeRegionRole(deps, viewer, params.id, params.roleId),
  }),
  route({
    method: 'get',
    path: '/:id/invites',
    summary: 'Invitations to a role of this 县/街道 not yet used, withdrawn or expired (of the roles the viewer may give here)',
    params: idParams,
    response: regionInviteList,
    handler: ({ deps, viewer, params }) => listRegionInvites(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/invites',
    summary: 'A one-time code (7 days) that gives a role of this 县/街道 to the WeChat account entering it in the mini-program (POST /api/me/link); who may give the role may invite to it',
    status: 201,
    use: [limitInviting],
    params: idParams,
    body: regionInviteBody,
    response: newRegionInvite,
    handler: ({ deps, viewer, params, body }) => createRegionInvite(deps, viewer, params.id, body),
  }),
  route({
    method: 'delete',
    path: '/:id/invites/:inviteId',
    summary: 'Withdraw an invitation not yet used',
    status: 204,
    params: regionInviteParams,
    response: null,
    handler: async ({ deps, viewer, params }) => {
      await withdrawRegionInvite(deps, viewer, params.id, params.inviteId);
    },
  }),
]);
