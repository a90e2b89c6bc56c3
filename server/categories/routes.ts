// /api/categories: the kinds of request (四单 categories) a resident can raise.
import { idParams } from '../http/fields.js';
import { route, routeGroup } from '../http/route.js';
import { listCategories } from './listCategories.js';
import { changeCategory, createCategory, listManagedCategories, removeCategory, reorderCategories } from './manageCategories.js';
import {
  categoryList,
  categoryOrderBody,
  categoryPatch,
  historyQuery,
  managedCategory,
  managedCategoryList,
  newCategoryBody,
  newStockReplyBody,
  settingsHistory as settingsHistoryAnswer,
  settingsQuery,
  stockReply,
  stockRepliesQuery,
  stockReplyList,
  stockReplyOrderBody,
  stockReplyPatch,
} from './schemas.js';
import { settingsHistory } from './settingsHistory.js';
import { addStockReply, changeStockReply, listStockReplies, removeStockReply, reorderStockReplies } from './stockReplies.js';

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
    method: 'put',
    path: '/replies/order',
    summary: 'Staff put stock replies (one category’s, one purpose’s) in a new order',
    body: stockReplyOrderBody,
    response: stockReplyList,
    handler: ({ deps, viewer, body }) => reorderStockReplies(deps, viewer, body),
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
  // ---- 社区设置 (issue #19): the categories as the community's administrators edit them ----
  route({
    method: 'get',
    path: '/manage',
    summary: '社区设置: every category of a community, active or not, with its order count (its staff and administrators)',
    query: settingsQuery,
    response: managedCategoryList,
    handler: ({ deps, viewer, query }) => listManagedCategories(deps, viewer, query.communityId),
  }),
  route({
    method: 'post',
    path: '/manage',
    summary: 'The community’s administrators add a category (name, emoji icon, deadlines, emergency flag)',
    status: 201,
    body: newCategoryBody,
    response: managedCategory,
    handler: ({ deps, viewer, body }) => createCategory(deps, viewer, body),
  }),
  route({
    method: 'put',
    path: '/manage/order',
    summary: 'The community’s administrators put its categories in the order residents see them',
    body: categoryOrderBody,
    response: managedCategoryList,
    handler: ({ deps, viewer, body }) => reorderCategories(deps, viewer, body),
  }),
  route({
    method: 'patch',
    path: '/manage/:id',
    summary: 'The community’s administrators change a category, or switch it off (active: false)',
    params: idParams,
    body: categoryPatch,
    response: managedCategory,
    handler: ({ deps, viewer, params, body }) => changeCategory(deps, viewer, params.id, body),
  }),
  route({
    method: 'delete',
    path: '/manage/:id',
    summary: 'The community’s administrators remove a category no order was filed in (else 409: switch it off)',
    status: 204,
    params: idParams,
    response: null,
    handler: async ({ deps, viewer, params }) => {
      await removeCategory(deps, viewer, params.id);
    },
  }),
  route({
    method: 'get',
    path: '/history',
    summary: '修改记录: the history of the community’s categories, stock replies and notice switches, before and after (its staff and administrators)',
    query: historyQuery,
    response: settingsHistoryAnswer,
    handler: ({ deps, viewer, query }) => settingsHistory(deps, viewer, query),
  }),
]);
