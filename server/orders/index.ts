// The orders domain's public face: what other folders and the app may use.
export { orderRoutes } from './routes.js';
export { escalateOverdueOrders } from './escalateOverdueOrders.js';
export { submitOrder } from './submitOrder.js';
// for a resident's copy of their data (GET /api/me/data)
export { ordersOfHousehold } from './getOrder.js';
export { orderDetail } from './schemas.js';
export { cancelOrder, claimOrder, dispatchOrder, giveFeedback, resolveOrder, reviewOrder } from './transitions.js';
// retention: photos of orders closed over a year ago (the retention sweeper, server/main.ts)
export { forgetOldOrderPhotos } from './retention.js';
