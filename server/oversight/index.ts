// The oversight domain's public face: the /api/oversight routes (read-only aggregates for 街道/县).
export { oversightRoutes } from './routes.js';
