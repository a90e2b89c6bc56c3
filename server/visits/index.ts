// The visits domain's public face: what other folders and the app may use.
export { visitRoutes } from './routes.js';
export { seedVisitsDemo } from './demoData.js';
