// The points domain's public face: what other folders and the app may use.
export { pointsRoutes } from './routes.js';
export { awardForRule } from './awardPoints.js';
export { expirePoints } from './expirePoints.js';
export { householdBalance, wholeLedger } from './queries.js';
export { pointsEntry } from './schemas.js';
export { dayLabel, periodStart } from './calendar.js';
export { DEMO_RULES, seedPointsDemo } from './demoData.js';
// for the shop: a redemption spends points and a cancellation refunds them, on this one ledger
export { bookEntry, lockHouseholdAccount } from './ledger.js';
// the oversight views of 街道 and 县 (server/oversight): points issued and redeemed per community
export { pointsFiguresBy, type PointsFigures } from './communityFigures.js';
