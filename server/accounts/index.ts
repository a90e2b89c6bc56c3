// The accounts domain's public face: the 账号 routes, and spending a role invitation's
// code for POST /api/me/link (server/me).
export { accountRoutes } from './routes.js';
export { acceptRoleInvite } from './roleInvites.js';
// `npm run admin:create` (scripts/create-admin.ts): the first account of a new deployment
export { createPlatformAdmin } from './createPlatformAdmin.js';
