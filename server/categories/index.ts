// The categories domain's public face.
export { categoryRoutes } from './routes.js';
