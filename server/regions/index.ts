// The regions domain's public face: the /api/regions routes (县/街道, their communities and officials).
export { regionRoutes } from './routes.js';
export { ROLE_WORDS as REGION_ROLE_WORDS } from './regionRoles.js';
// POST /api/me/link: a code for a 县/街道 role
export { acceptRegionInvite } from './regionInvites.js';
