// /api/notices: staff write notices for their buildings' groups and the
// mini-program; residents read them; subscribe messages and automatic notices.
import { route, routeGroup } from '../http/route.js';
import { audienceChoices } from './audienceChoices.js';
import { getAutomation, setAutomation } from './automatic.js';
import { composeNotice } from './composeNotice.js';
import { cancelNotice, deliveryProgress, getManagedNotice, listManagedNotices, retryFailedDeliveries } from './manageNotices.js';
import { getNotice, listNotices, markNoticeRead } from './readNotices.js';
import { resendDelivery } from './resendDelivery.js';
import {
  audienceAnswer,
  audienceQuery,
  automationAnswer,
  automationBody,
  automationQuery,
  composeNoticeBody,
  deliveryProgressAnswer,
  listNoticesQuery,
  managedNotice,
  managedNoticePage,
  manageNoticesQuery,
  notice,
  noticeIdParams,
  noticeList,
  optInBody,
  optInsAnswer,
  resendDeliveryBody,
  resendDeliveryParams,
} from './schemas.js';
import { optInCounts, recordOptIns } from './subscribe.js';

export const noticeRoutes = routeGroup('notices', '/api/notices', '通知: staff post notices into the building groups and the mini-program, and follow their delivery', [
  route({
    method: 'post',
    path: '/',
    summary: 'Staff write a notice for the community, some grids or some buildings, now or later',
    status: 201,
    body: composeNoticeBody,
    response: managedNotice,
    handler: ({ deps, viewer, body }) => composeNotice(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/',
    summary: "The notices of the viewer's buildings, newest first, with unread marks",
    query: listNoticesQuery,
    response: noticeList,
    handler: ({ deps, viewer, query }) => listNotices(deps, viewer, query),
  }),
  // the fixed paths before /:id, which would take them for an id
  route({
    method: 'get',
    path: '/manage',
    summary: "Staff: the community's notices with delivery progress",
    query: manageNoticesQuery,
    response: managedNoticePage,
    handler: ({ deps, viewer, query }) => listManagedNotices(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/audience',
    summary: "Staff: the community's grids and buildings with their households and linked groups, to pick a notice's audience",
    query: audienceQuery,
    response: audienceAnswer,
    handler: ({ deps, viewer, query }) => audienceChoices(deps, viewer, query.communityId),
  }),
  route({
    method: 'get',
    path: '/subscriptions',
    summary: 'Subscribe messages the signed-in user may still receive, per template',
    response: optInsAnswer,
    handler: ({ deps, viewer }) => optInCounts(deps, viewer),
  }),
  route({
    method: 'post',
    path: '/subscriptions',
    summary: 'After wx.requestSubscribeMessage: the templates the user accepted',
    body: optInBody,
    response: optInsAnswer,
    handler: ({ deps, viewer, body }) => recordOptIns(deps, viewer, body.accepted),
  }),
  route({
    method: 'get',
    path: '/automation',
    summary: 'Staff: which automatic notices the community wants (job and training postings, emergency orders)',
    query: automationQuery,
    response: automationAnswer,
    handler: ({ deps, viewer, query }) => getAutomation(deps, viewer, query.communityId),
  }),
  route({
    method: 'put',
    path: '/automation',
    summary: 'Staff: switch automatic notices on or off',
    body: automationBody,
    response: automationAnswer,
    handler: ({ deps, viewer, body }) => setAutomation(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/manage/:id',
    summary: 'Staff: one notice with its delivery counts',
    params: noticeIdParams,
    response: managedNotice,
    handler: ({ deps, viewer, params }) => getManagedNotice(deps, viewer, params.id),
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: 'One published notice',
    params: noticeIdParams,
    response: notice,
    handler: ({ deps, viewer, params }) => getNotice(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/read',
    summary: 'Marks the notice read (the first read time stays)',
    params: noticeIdParams,
    response: notice,
    handler: ({ deps, viewer, params }) => markNoticeRead(deps, viewer, params.id),
  }),
  route({
    method: 'get',
    path: '/:id/deliveries',
    summary: 'Staff: delivery progress group by group',
    params: noticeIdParams,
    response: deliveryProgressAnswer,
    handler: ({ deps, viewer, params }) => deliveryProgress(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/cancel',
    summary: 'Staff withdraw a notice: residents stop seeing it, groups not yet posted to are skipped',
    params: noticeIdParams,
    response: managedNotice,
    handler: ({ deps, viewer, params }) => cancelNotice(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/retry',
    summary: 'Staff send the failed deliveries again (plain failures only: never a group that may have got the post)',
    params: noticeIdParams,
    response: deliveryProgressAnswer,
    handler: ({ deps, viewer, params }) => retryFailedDeliveries(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/deliveries/:deliveryId/resend',
    summary:
      "Staff send one group's post again: a failed one, or a possibly sent one (可能已发出: interrupted mid-send) with confirmPossiblyPosted: true, else 409 possibly_posted",
    params: resendDeliveryParams,
    body: resendDeliveryBody,
    response: deliveryProgressAnswer,
    handler: ({ deps, viewer, params, body }) => resendDelivery(deps, viewer, params.id, params.deliveryId, body),
  }),
]);
