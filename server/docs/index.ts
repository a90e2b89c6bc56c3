export { docsRoutes } from './routes.js';
export { buildOpenApiDocument } from './openapi.js';
