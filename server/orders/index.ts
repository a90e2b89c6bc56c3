// The orders domain's public face: what other folders and the app may use.
export { orderRoutes } from './routes.js';
export { escalateOverdueOrders } from './escalateOverdueOrders.js';
// 超时督办 (issue #20): whom a missed deadline alerts and its timeline entry (server/notices/escalationAlerts.ts), the 08:30 digest
export { digestAudienceOf, escalationAudienceOf, recordEscalationAlert, type AlertedPerson } from './emergencyAlerts.js';
export { sendOverdueDigests } from './overdueDigest.js';
export { REVIEW_DEADLINE_DAYS } from './sla.js';
export { submitOrder } from './submitOrder.js';
// for a resident's copy of their data (GET /api/me/data)
export { ordersOfHousehold } from './getOrder.js';
export { orderDetail } from './schemas.js';
export { cancelOrder, claimOrder, dispatchOrder, giveFeedback, resolveOrder, reviewOrder } from './transitions.js';
// retention: photos of orders closed over a year ago (the retention sweeper, server/main.ts)
export { forgetOldOrderPhotos } from './retention.js';
// a building moved to another grid, a grid worker who stepped down (server/org, server/accounts), inside their transactions
export { moveBuildingOrders, returnOrdersOfWorker, suggestWorkerWhereNone } from './gridChanges.js';
// the oversight views of 街道 and 县 (server/oversight): figures per community or grid, aggregates only
export { orderFiguresBy, type OrderFigures } from './communityFigures.js';
// who hears of an order's changes (server/notices/subscribe.ts): its resident, filer, worker and followers
export { orderAudience } from './audience.js';
// what an outside system reads of a community's orders (Open311 GeoReport, server/open311)
export { ordersForIntegration, type IntegrationOrderFilter, type IntegrationOrderRow } from './integrationOrders.js';
