// The bot domain's public face: what other folders and the app may use.
export { botRoutes } from './routes.js';
export { startGroupBot } from './start.js';
