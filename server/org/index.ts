// The org domain's public face: the 社区—网格—楼栋 routes, and spending an
// account code (its invites table) for POST /api/me/link.
export { orgRoutes } from './routes.js';
export { spendInvite } from './invites.js';
// 身份证号 at rest (./idNumbers.ts), for the folders that read or write Resident.idNumber:
// the employment import matches by hash and exports masked numbers, the household's own
// copy (GET /api/me/data) shows its own in full, the demo data writes them encrypted
export { hashIdNumber, idNumberColumns, idNumberHasMask, idNumberOf, normaliseIdNumber, resealIdNumbers, type ResealReport } from './idNumbers.js';
export { idNumberAsSeen } from './presenter.js';
