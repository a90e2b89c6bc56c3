// /api/bot: the group bot and the chat groups notices are posted into, and
// which building or grid each group serves.
import { route, routeGroup } from '../http/route.js';
import { linkBuildingGroup, linkGridGroup, listGroups } from './groups.js';
import { createLinkCode } from './linkCodes.js';
import { buildingGroupLink, buildingIdParams, chatGroupList, gridGroupLink, gridIdParams, linkCode, linkGroupBody } from './schemas.js';

export const botRoutes = routeGroup('bot', '/api/bot', '群机器人: the chat groups notices go to, linked to buildings and grids, and linking a member to a user', [
  route({
    method: 'get',
    path: '/groups',
    summary: 'Staff: the groups the bot is in (and registered WeCom robots), to link buildings to',
    response: chatGroupList,
    handler: ({ deps, viewer }) => listGroups(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/link-code',
    summary: 'A one-time code to send as `#绑定 <code>` in a building group',
    status: 201,
    response: linkCode,
    handler: ({ deps, viewer }) => createLinkCode(deps, viewer),
  }),
  route({
    method: 'put',
    path: '/buildings/:id/group',
    summary: "Staff: the group a building's notices go to (a group the bot is in, or a WeCom robot), or none",
    params: buildingIdParams,
    body: linkGroupBody,
    response: buildingGroupLink,
    handler: ({ deps, viewer, params, body }) => linkBuildingGroup(deps, viewer, params.id, body),
  }),
  route({
    method: 'put',
    path: '/grids/:id/group',
    summary: "Staff: a grid's work group, where its emergency orders are announced",
    params: gridIdParams,
    body: linkGroupBody,
    response: gridGroupLink,
    handler: ({ deps, viewer, params, body }) => linkGridGroup(deps, viewer, params.id, body),
  }),
]);
