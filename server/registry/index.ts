// The registry domain's public face: the 户籍台账 import and export routes.
export { registryRoutes } from './routes.js';
// the demo's registry comes in through the import (server/demo/seed.ts)
export { importDemoRegistry, type DemoRegistry } from './importDemoRegistry.js';
