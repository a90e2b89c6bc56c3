// The shop's public face: what other folders and the app may use.
export { shopRoutes } from './routes.js';
export { DEMO_ITEMS, seedShopDemo } from './demoData.js';
