// The audit log's public face: its routes, and recordAdminChange for every domain
// that makes an administrative change (call it inside the change's transaction).
export { auditRoutes } from './routes.js';
export { recordAdminChange, type AdminChange, type AuditTarget } from './recordAdminChange.js';
export { ACTION_LABELS } from './actions.js';
// 社区设置 修改记录: one setting's entries (server/categories)
export { historyOf, type HistoryFilter } from './history.js';
export { auditEntry } from './schemas.js';
