// The audit log's public face: its routes, and recordAdminChange for every domain
// that makes an administrative change (call it inside the change's transaction).
export { auditRoutes } from './routes.js';
export { recordAdminChange, type AdminChange, type AuditTarget } from './recordAdminChange.js';
export { ACTION_LABELS } from './actions.js';
