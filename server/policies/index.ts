// The one authorization policy module. Routes and services ask it; they never
// look at roles themselves (tests/platform/architecture.test.ts fails if one does).
// Objects outside a viewer's scope are "not found" (404), so a resident cannot
// even learn that another household's order exists. One file per domain.
export * from './roles.js';
export * from './visibility.js';
export * from './org.js';
export * from './orders.js';
export * from './uploads.js';
export * from './points.js';
export * from './notices.js';
export * from './bot.js';
export * from './jobs.js';
export * from './gridLog.js';
export * from './auth.js';
export * from './audit.js';
export * from './regions.js';
export * from './accounts.js';
export * from './visits.js';
export * from './settings.js';
export * from './buildingHeads.js';
export * from './open311.js';
