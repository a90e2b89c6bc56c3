// The org domain's public face: the 社区—网格—楼栋 routes, and spending an
// account code (its invites table) for POST /api/me/link.
export { orgRoutes } from './routes.js';
export { spendInvite } from './invites.js';
