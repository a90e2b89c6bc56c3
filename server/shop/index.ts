// The shop's public face: what other folders and the app may use.
export { shopRoutes } from './routes.js';
// for a resident's copy of their data (GET /api/me/data)
export { redemptionsOfHousehold } from './listRedemptions.js';
export { redemption } from './schemas.js';
export { DEMO_ITEMS, seedShopDemo } from './demoData.js';
