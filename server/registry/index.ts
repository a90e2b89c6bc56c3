// The registry domain's public face: the 户籍台账 import and export routes.
export { registryRoutes } from './routes.js';
