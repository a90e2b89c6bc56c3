// The 民情日志 domain's public face.
export { gridLogRoutes } from './routes.js';

