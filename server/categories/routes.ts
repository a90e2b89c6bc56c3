// /api/categories: the kinds of request (四单 categories) a resident can raise.
import { route, routeGroup } from '../http/route.js';
import { listCategories } from './listCategories.js';
import { categoryList } from './schemas.js';

export const categoryRoutes = routeGroup('categories', '/api/categories', "The kinds of request residents raise in the viewer's community", [
  route({
    method: 'get',
    path: '/',
    summary: "The active request kinds of the viewer's community, with their deadlines",
    response: categoryList,
    handler: ({ deps, viewer }) => listCategories(deps, viewer),
  }),
]);
