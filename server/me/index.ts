// The me domain's public face: the signed-in user's own account.
export { meRoutes } from './routes.js';
