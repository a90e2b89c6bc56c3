// The access log's public face: its routes, writing an entry (org's reveal), and its retention.
export { accessLogRoutes } from './routes.js';
export { recordAccess, recordAccesses } from './recordAccess.js';
export { forgetOldAccessLog } from './retention.js';
