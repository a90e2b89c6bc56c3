// The orders domain's public face: what other folders and the app may use.
export { orderRoutes } from './routes.js';
export { escalateOverdueOrders } from './escalateOverdueOrders.js';
export { submitOrder } from './submitOrder.js';
export { cancelOrder, claimOrder, dispatchOrder, giveFeedback, resolveOrder, reviewOrder } from './transitions.js';
