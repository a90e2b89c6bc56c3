// The org domain's public face: the 社区—网格—楼栋 routes, and spending an
// account code (its invites table) for POST /api/me/link.
export { orgRoutes } from './routes.js';
export { spendInvite } from './invites.js';
// a 街道 or 县 admin makes a community under a 街道 (server/regions)
export { communityNamed, insertCommunity, type NewCommunity } from './communities.js';
// 身份证号 at rest (./idNumbers.ts), for the folders that read or write Resident.idNumber:
// the employment import matches by hash and exports masked numbers, the household's own
// copy (GET /api/me/data) shows its own in full, the demo data writes them encrypted
export { hashIdNumber, idNumberColumns, idNumberHasMask, idNumberOf, normaliseIdNumber, resealIdNumbers, type ResealReport } from './idNumbers.js';
export { idNumberAsSeen } from './presenter.js';
// the 户籍台账 import and export (server/registry/): the registry read whole, written in batches, and the stored workbook sealed
export {
  applyRegistryChanges,
  communitiesWithSizes,
  idNumbersHeldElsewhere,
  readRegistry,
  residentsWithIdNumbers,
  type NewRegistryResident,
  type RegistryChanges,
  type RegistrySnapshot,
} from './registry.js';
export { openFilePart, sealFilePart } from './idNumbers.js';
