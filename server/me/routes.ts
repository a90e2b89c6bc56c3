// /api/me: the signed-in user's own account.
import { route, routeGroup } from '../http/route.js';
import { orderDetail } from '../orders/index.js';
import { limitLinking, perUser, rateLimit } from '../rateLimit.js';
import { acceptInvite } from './acceptInvite.js';
import { giveConsent } from './consents.js';
import { describeMe } from './describeMe.js';
import { copyOfMyData } from './copyOfMyData.js';
import { requestCorrection } from './requestCorrection.js';
import { acceptInviteBody, consentBody, consentState, correctionBody, linkedAnswer, me, myDataCopy } from './schemas.js';

// a correction is an order: it counts against the same per-user filing limit as POST /api/orders
const limitFiling = rateLimit({
  bucket: 'order',
  perMinute: (config) => config.orderRatePerMinute,
  key: perUser,
  message: 'too many requests filed, try again in a minute',
});

export const meRoutes = routeGroup('me', '/api/me', 'The signed-in user: who they are, and linking a new account to a resident (账号绑定)', [
  route({
    method: 'get',
    path: '/',
    summary: 'Who am I: user, roles, and where I live (community, grid, building, room)',
    response: me,
    handler: ({ deps, viewer }) => describeMe(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/consents',
    summary: 'Agree to the current version of the 隐私政策 or the 用户协议 (shared/consent.ts); recorded with the version and time. Another version: 409 not_current_version',
    status: 201,
    body: consentBody,
    response: consentState,
    handler: ({ deps, viewer, body }) => giveConsent(deps, viewer, body.kind, body.version),
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
    path: '/corrections',
    summary: "PIPL Art. 46: ask for something in one's copy to be corrected; filed as a 信息更正 order (linked residents only) that goes to staff's queue",
    status: 201,
    use: [limitFiling],
    body: correctionBody,
    response: orderDetail,
    handler: ({ deps, viewer, body }) => requestCorrection(deps, viewer, body),
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
