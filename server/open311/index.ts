// Open311's public face: its two route groups (server/routes.ts).
export { open311KeyRoutes, open311Routes } from './routes.js';
