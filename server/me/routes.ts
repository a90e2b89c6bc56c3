// /api/me: the signed-in user's own account.
import { route, routeGroup } from '../http/route.js';
import { limitLinking } from '../rateLimit.js';
import { acceptInvite } from './acceptInvite.js';
import { describeMe } from './describeMe.js';
import { copyOfMyData } from './copyOfMyData.js';
import { acceptInviteBody, linkedAnswer, me, myDataCopy } from './schemas.js';

export const meRoutes = routeGroup('me', '/api/me', 'The signed-in user: who they are, and linking a new account to a resident (账号绑定)', [
  route({
    method: 'get',
    path: '/',
    summary: 'Who am I: user, roles, and where I live (community, grid, building, room)',
    response: me,
    handler: ({ deps, viewer }) => describeMe(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/data',
    summary: "PIPL Art. 45: a copy of everything held about the signed-in user and their own household (account, members with ID numbers, tags, employment, points, redemptions, orders with timelines, photos, notices read)",
    response: myDataCopy,
    handler: ({ deps, viewer }) => copyOfMyData(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/link',
    summary: "账号绑定: enter the one-time code from the grid worker; the account becomes that resident's (not a working account's: 403 working_account)",
    use: [limitLinking],
    body: acceptInviteBody,
    response: linkedAnswer,
    handler: ({ deps, viewer, body }) => acceptInvite(deps, viewer, body.code),
  }),
]);
