// /api/orders: the 四单 flow (群众点单 → 社区派单 → 网格员接单 → 党组织评单).
import { routeGroup, route } from '../http/route.js';
import { viewerOf } from '../auth/index.js';
import { rateLimit } from '../rateLimit.js';
import { bulkDispatch } from './bulkDispatch.js';
import { addOrderUpdate, askForInfo } from './conversation.js';
import { getOrderBrief, joinOrder, mergeOrders, similarOrders } from './duplicates.js';
import { exportOrders } from './exportOrders.js';
import { monthlyReportWorkbook } from './monthlyReport.js';
import { getOrder } from './getOrder.js';
import { listOrders } from './listOrders.js';
import { orderPlaces } from './orderPlaces.js';
import { orderStats } from './orderStats.js';
import {
  askBody,
  mergeBody,
  orderBrief,
  orderUpdateBody,
  similarOrdersAnswer,
  similarOrdersQuery,
  bulkDispatchAnswer,
  bulkDispatchBody,
  cancelBody,
  claimOrderBody,
  dispatchOrderBody,
  exportOrdersQuery,
  monthlyReportQuery,
  feedbackBody,
  listOrdersQuery,
  orderDetail,
  orderIdParams,
  orderPage,
  orderPlacesAnswer,
  orderStatsAnswer,
  orderStatsQuery,
  resolveOrderBody,
  reviewBody,
  submitOrderBody,
} from './schemas.js';
import { submitOrder } from './submitOrder.js';
import { getReviewDeadline, setReviewDeadline } from './reviewDeadline.js';
import { reviewDeadlineAnswer, reviewDeadlineBody, reviewDeadlineQuery } from './reviewDeadlineSchemas.js';
import { cancelOrder, claimOrder, dispatchOrder, giveFeedback, resolveOrder, reviewOrder } from './transitions.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const limitFiling = rateLimit({
  bucket: 'order',
  perMinute: (config) => config.orderRatePerMinute,
  key: (ctx) => viewerOf(ctx).userId,
  message: 'too many requests filed, try again in a minute',
});

export const orderRoutes = routeGroup('orders', '/api/orders', '四单: residents raise requests, staff dispatch, grid workers claim and resolve, the party branch reviews', [
  route({
    method: 'post',
    path: '/',
    summary: '群众点单: file a request (for oneself, or for a resident one looks after)',
    status: 201,
    use: [limitFiling],
    body: submitOrderBody,
    response: orderDetail,
    handler: ({ deps, viewer, body }) => submitOrder(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/',
    summary: "Orders in the viewer's scope, newest first",
    query: listOrdersQuery,
    response: orderPage,
    handler: ({ deps, viewer, query }) => listOrders(deps, viewer, query),
  }),
  // before /:id, which would take "stats" for an id
  route({
    method: 'get',
    path: '/stats',
    summary: "The community's order figures (staff and reviewers)",
    query: orderStatsQuery,
    response: orderStatsAnswer,
    handler: ({ deps, viewer, query }) => orderStats(deps, viewer, query.days),
  }),
  route({
    method: 'get',
    path: '/places',
    summary: "The grids and buildings the viewer's orders are in (the console's filters)",
    response: orderPlacesAnswer,
    handler: ({ deps, viewer }) => orderPlaces(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/export.xlsx',
    summary: 'The order list under the same filters as an .xlsx workbook (every page, at most 10,000 orders), as the viewer sees each order',
    query: exportOrdersQuery,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, query, ctx }) => {
      const data = await exportOrders(deps, viewer, query);
      ctx.type = XLSX;
      ctx.attachment(`工单-${deps.clock().toISOString().slice(0, 10)}.xlsx`);
      ctx.body = data;
    },
  }),
  route({
    method: 'get',
    path: '/report/monthly.xlsx',
    summary: '四单月报: the orders filed in a month (China time) of one community, by stage, on-time, satisfaction and rework; per grid, per category, and its emergencies (staff and reviewers of the community, the 街道/县 over it)',
    query: monthlyReportQuery,
    response: null,
    produces: XLSX,
    handler: async ({ deps, viewer, query, ctx }) => {
      const { filename, data } = await monthlyReportWorkbook(deps, viewer, query);
      ctx.type = XLSX;
      ctx.attachment(filename);
      ctx.body = data;
    },
  }),
  route({
    method: 'post',
    path: '/dispatch',
    summary: '批量派单: dispatch several orders to one grid worker (or each to its suggested one); each order is checked and answered on its own',
    body: bulkDispatchBody,
    response: bulkDispatchAnswer,
    handler: ({ deps, viewer, body }) => bulkDispatch(deps, viewer, body),
  }),
  route({
    method: 'get',
    path: '/similar',
    summary: '是不是这件事？ Open orders of the same building and category from the last 14 days whose description is alike (before filing), as a neighbour may see them',
    query: similarOrdersQuery,
    response: similarOrdersAnswer,
    handler: ({ deps, viewer, query }) => similarOrders(deps, viewer, query),
  }),
  route({
    method: 'get',
    path: '/:id',
    summary: 'One order with its timeline',
    params: orderIdParams,
    response: orderDetail,
    handler: ({ deps, viewer, params }) => getOrder(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/dispatch',
    summary: '社区派单: staff assign the order to a grid worker',
    params: orderIdParams,
    body: dispatchOrderBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => dispatchOrder(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/claim',
    summary: '网格员接单: the grid worker takes the order',
    params: orderIdParams,
    body: claimOrderBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => claimOrder(deps, viewer, params.id, body.note),
  }),
  route({
    method: 'post',
    path: '/:id/resolve',
    summary: 'The grid worker reports what was done',
    params: orderIdParams,
    body: resolveOrderBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => resolveOrder(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/feedback',
    summary: "The resident's word on the result; unsatisfied reopens it",
    params: orderIdParams,
    body: feedbackBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => giveFeedback(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/review',
    summary: '党组织评单: the party branch passes or fails the result',
    params: orderIdParams,
    body: reviewBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => reviewOrder(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/updates',
    summary: "A message (and photos) on the order, from the resident's side or the workers'; while 待补充, the resident's answer resumes it",
    status: 201,
    params: orderIdParams,
    body: orderUpdateBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => addOrderUpdate(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/ask',
    summary: '待补充: a worker or staff asks the resident for more; the deadlines pause until they answer',
    params: orderIdParams,
    body: askBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => askForInfo(deps, viewer, params.id, body),
  }),
  route({
    method: 'get',
    path: '/:id/brief',
    summary: 'What a neighbour who joined (or was offered) the order sees of it: no person, description, photos or conversation',
    params: orderIdParams,
    response: orderBrief,
    handler: ({ deps, viewer, params }) => getOrderBrief(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/join',
    summary: "我也遇到了 (+1): the resident's household follows a neighbour's open order instead of filing the same",
    params: orderIdParams,
    response: orderBrief,
    handler: ({ deps, viewer, params }) => joinOrder(deps, viewer, params.id),
  }),
  route({
    method: 'post',
    path: '/:id/merge',
    summary: 'Staff merge a duplicate into the original: the duplicate closes (merged, with a pointer), its people follow the original',
    params: orderIdParams,
    body: mergeBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => mergeOrders(deps, viewer, params.id, body),
  }),
  route({
    method: 'post',
    path: '/:id/cancel',
    summary: 'Whoever filed it withdraws the order (before it is claimed)',
    params: orderIdParams,
    body: cancelBody,
    response: orderDetail,
    handler: ({ deps, viewer, params, body }) => cancelOrder(deps, viewer, params.id, body.reason),
  }),
  // 社区设置 → 评单时限 (server/orders/reviewDeadline.ts)
  route({
    method: 'get',
    path: '/settings/review-deadline',
    summary: "The community's 党组织评单 deadline in days, with its history (its staff and administrators)",
    query: reviewDeadlineQuery,
    response: reviewDeadlineAnswer,
    handler: ({ deps, viewer, query }) => getReviewDeadline(deps, viewer, query),
  }),
  route({
    method: 'put',
    path: '/settings/review-deadline',
    summary: "The community's administrators set its 党组织评单 deadline (1–30 days from resolution); the sweeper and the 08:30 digest follow it",
    body: reviewDeadlineBody,
    response: reviewDeadlineAnswer,
    handler: ({ deps, viewer, body }) => setReviewDeadline(deps, viewer, body),
  }),
]);
