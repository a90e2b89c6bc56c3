// /api/bot: the group bot and the chat groups notices are posted into, and
// which building or grid each group serves.
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { perUser, rateLimit } from '../rateLimit.js';
import { botBanner, botStatus } from './botState.js';
import { linkBuildingGroup, linkGridGroup, listGroups } from './groups.js';
import { createLinkCode } from './linkCodes.js';
import {
  botBanner as botBannerAnswer,
  botStatus as botStatusAnswer,
  buildingGroupLink,
  buildingIdParams,
  chatGroup,
  chatGroupList,
  gridGroupLink,
  gridIdParams,
  linkCode,
  linkGroupBody,
  registerRobotBody,
  robotRemoved,
  robotTested,
} from './schemas.js';
import { registerRobot, removeRobot, testRobot } from './wecomRobots.js';

// a test post is a real post into a real group: a few a minute is plenty (WeCom allows 20 per robot)
const limitTestPosts = rateLimit({ bucket: 'bot', perMinute: () => 6, key: perUser, message: 'too many test posts, try again in a minute' });

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
  route({
    method: 'get',
    path: '/status',
    summary: "群管理: the bot account's state (logged in, or waiting for a scan; the login QR to platform admins only) and today's posts against the daily cap",
    response: botStatusAnswer,
    handler: ({ deps, viewer }) => botStatus(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/banner',
    summary: "The console's banner while the group bot is logged out or waiting for a scan (staff and platform admins); reading it alerts no one",
    response: botBannerAnswer,
    handler: ({ deps, viewer }) => botBanner(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/wecom-robots',
    summary: 'Register a WeCom group robot for the community (its key is never shown again); link it to buildings like any group',
    status: 201,
    body: registerRobotBody,
    response: chatGroup,
    handler: ({ deps, viewer, body }) => registerRobot(deps, viewer, body),
  }),
  route({
    method: 'delete',
    path: '/wecom-robots/:id',
    summary: 'Remove a WeCom robot: its links go, posts not yet under way are cancelled, its key is forgotten',
    params: idParams,
    response: robotRemoved,
    handler: ({ deps, viewer, params }) => removeRobot(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/wecom-robots/:id/test',
    summary: 'A test post through the robot; the answer says whether WeCom took it, and why not',
    use: [limitTestPosts],
    params: idParams,
    response: robotTested,
    handler: ({ deps, viewer, params }) => testRobot(deps, viewer, params.id),
  }),
]);
