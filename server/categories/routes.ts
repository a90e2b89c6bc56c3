// /api/categories: the kinds of request (四单 categories) a resident can raise.
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { listCategories } from './listCategories.js';
import { categoryList, newStockReplyBody, stockReply, stockRepliesQuery, stockReplyList, stockReplyPatch } from './schemas.js';
import { addStockReply, changeStockReply, listStockReplies, removeStockReply } from './stockReplies.js';

export const categoryRoutes = routeGroup('categories', '/api/categories', "The kinds of request residents raise in the viewer's community", [
  route({
    method: 'get',
    path: '/',
    summary: "The active request kinds of the viewer's community, with their deadlines",
    response: categoryList,
    handler: ({ deps, viewer }) => listCategories(deps, viewer),
  }),
  route({
    method: 'get',
    path: '/replies',
    summary: "常用回复: the community's stock replies for asking (待补充) and resolving, for one category or all (its workers, staff and reviewers)",
    query: stockRepliesQuery,
    response: stockReplyList,
    handler: ({ deps, viewer, query }) => listStockReplies(deps, viewer, query),
  }),
  route({
    method: 'post',
    path: '/replies',
    summary: 'Staff add a stock reply',
    status: 201,
    body: newStockReplyBody,
    response: stockReply,
    handler: ({ deps, viewer, body }) => addStockReply(deps, viewer, body),
  }),
  route({
    method: 'patch',
    path: '/replies/:id',
    summary: 'Staff change a stock reply',
    params: idParams,
    body: stockReplyPatch,
    response: stockReply,
    handler: ({ deps, viewer, params, body }) => changeStockReply(deps, viewer, params.id, body),
  }),
  route({
    method: 'delete',
    path: '/replies/:id',
    summary: 'Staff remove a stock reply',
    status: 204,
    params: idParams,
    response: null,
    handler: async ({ deps, viewer, params }) => {
      await removeStockReply(deps, viewer, params.id);
    },
  }),
]);
